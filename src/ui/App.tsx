/**
 * The playground's layout: controls on the left, the topology with the outcome headline and
 * the details dock in the middle, and the side panel on the right.
 */
import { useEffect } from 'react';
import { LiveRegion } from './a11y/LiveRegion';
import { CompareView } from './compare/CompareView';
import { useCompare } from './compare/compareStore';
import { useWalkKeys } from './a11y/walkKeys';
import { ControlsPanel } from './controls/ControlsPanel';
import { Dock } from './Dock';
import { Header } from './Header';
import { OutcomeHeadline } from './panels/OutcomeHeadline';
import { AboutRun, HelpOverlay } from './panels/Overlays';
import { UpdatePrompt } from './pwa/UpdatePrompt';
import { BlankScreen, usePresenterMode } from './presenter/Presenter';
import { PresenterCaption } from './presenter/PresenterCaption';
import { PresenterSummary } from './presenter/PresenterSummary';
import { usePresenter } from './presenter/presenterStore';
import { useShortcuts } from './shortcuts';
import { LinkNotice } from './share/LinkNotice';
import { ControlsDrawer } from './responsive/ControlsDrawer';
// Search: registers the "Search" side tab (find a failing run, prove a small design); its code loads on demand.
import './search/register';
import { SidePanel } from './SidePanel';
import { useUi } from './store';
import { TopologyView } from './topology/TopologyView';

/** Applies the theme choice to <html> and tracks reduced-motion changes. */
export function useEnvironment(): void {
  const theme = useUi((u) => u.theme);
  useEffect(() => {
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => {
      const resolved = theme === 'system' ? (mq.matches ? 'dark' : 'light') : theme;
      document.documentElement.dataset.theme = theme;
      document.documentElement.dataset.resolvedTheme = resolved;
      document.documentElement.style.colorScheme = resolved;
    };
    apply();
    mq.addEventListener('change', apply);
    return () => mq.removeEventListener('change', apply);
  }, [theme]);
  useEffect(() => {
    const mq = window.matchMedia('(prefers-reduced-motion: reduce)');
    const apply = () => useUi.setState({ reducedMotion: mq.matches });
    mq.addEventListener('change', apply);
    return () => mq.removeEventListener('change', apply);
  }, []);
}

function Notice() {
  const notice = useUi((u) => u.notice);
  if (!notice) return null;
  return (
    <div className="notice" role="status" data-testid="notice">
      <span>{notice}</span>
      <button type="button" className="icon-btn" aria-label="Dismiss" onClick={() => useUi.setState({ notice: null })}>
        ×
      </button>
    </div>
  );
}

/** See the module comment. */
export function App() {
  useEnvironment();
  useShortcuts();
  usePresenterMode();
  useWalkKeys();
  const presenting = usePresenter((p) => p.on);
  const comparing = useCompare((c) => c.open);
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to the topology
      </a>
      <Header />
      <AboutRun />
      <LiveRegion />
      <BlankScreen />
      <div className="workspace">
        <ControlsDrawer>
          <ControlsPanel />
        </ControlsDrawer>
        <main id="main" className="centre">
          <OutcomeHeadline />
          <LinkNotice />
          {comparing ? (
            <CompareView />
          ) : (
            <TopologyView>
              <Notice />
              {presenting && <PresenterCaption />}
              {presenting && <PresenterSummary />}
            </TopologyView>
          )}
          <Dock />
        </main>
        <SidePanel />
      </div>
      <HelpOverlay />
      <UpdatePrompt />
    </div>
  );
}
