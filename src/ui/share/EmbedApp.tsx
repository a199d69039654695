/**
 * The embed layout (`?embed`): for iframes in blog posts and slides. Just the topology, the
 * time controls and the controls the link allows, filling whatever frame it is given; a link
 * opens the full playground at the same moment. Reuses the playground's own components.
 */
import { memo } from 'react';
import { LiveRegion } from '../a11y/LiveRegion';
import { useEnvironment } from '../App';
import { OutcomeHeadline } from '../panels/OutcomeHeadline';
import { AboutRun } from '../panels/Overlays';
import { useShortcuts } from '../shortcuts';
import { Scrubber } from '../timeline/Scrubber';
import { TimeControls } from '../timeline/TimeControls';
import { TopologyView } from '../topology/TopologyView';
import { useUi } from '../store';
import { useEngineVersion } from '../useEngine';
import { EmbedControls } from './EmbedControls';
import { LinkNotice } from './LinkNotice';
import { useLinks } from './linkStore';
import { currentLink } from './linkSync';

const OpenFull = memo(function OpenFull() {
  useEngineVersion();
  useUi((u) => `${u.selectedOrder}|${u.selectedMessage}`);
  return (
    <a
      className="btn btn-small embed-open"
      href={currentLink({ allow: null })}
      target="_blank"
      rel="noopener"
      aria-label="Open in Eventually (new tab)"
      title="Open this moment in the full playground"
      data-testid="embed-open-full"
    >
      <span className="embed-open-label">Open in Eventually</span> ↗
    </a>
  );
});

/** See the module comment. */
export function EmbedApp() {
  useEnvironment();
  useShortcuts();
  const allow = useLinks((s) => s.allow) ?? [];
  return (
    <div className="embed-app" data-testid="embed">
      <header className="embed-bar">
        <TimeControls />
        <Scrubber />
        <OpenFull />
      </header>
      <OutcomeHeadline />
      <LinkNotice />
      <div className={allow.length > 0 ? 'embed-body embed-with-controls' : 'embed-body'}>
        <main className="embed-topology">
          <TopologyView />
        </main>
        {allow.length > 0 && (
          <aside className="embed-controls" aria-label="Controls">
            <EmbedControls paths={allow} />
          </aside>
        )}
      </div>
      <AboutRun />
      <LiveRegion />
    </div>
  );
}
