/** The top bar: brand, transport, timeline, and the run/theme/help buttons. */
import { memo } from 'react';
import { CompareButton } from './compare/CompareButton';
import { PresenterPanelToggle, PresentToggle } from './presenter/Presenter';
import { DrawerButton } from './responsive/ControlsDrawer';
import { CopyLinkButton } from './share/CopyLinkButton';
import { setTheme, useUi } from './store';
import { Scrubber } from './timeline/Scrubber';
import { TimeControls } from './timeline/TimeControls';

/** See the module comment. */
export const Header = memo(function Header() {
  const theme = useUi((u) => u.theme);
  const aboutOpen = useUi((u) => u.aboutOpen);
  return (
    <header className="topbar">
      <div className="brand">
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
          <circle cx="5" cy="12" r="3" fill="var(--accent)" />
          <circle cx="19" cy="6" r="3" fill="var(--accent-2)" />
          <circle cx="19" cy="18" r="3" fill="var(--accent-2)" />
          <path d="M8 12h3l5-5M11 12l5 5" stroke="currentColor" strokeWidth="1.6" fill="none" strokeLinecap="round" />
        </svg>
        <span className="brand-name">Eventually</span>
      </div>
      <TimeControls />
      <Scrubber />
      <div className="topbar-actions">
        <DrawerButton />
        <PresentToggle />
        <PresenterPanelToggle />
        <CompareButton />
        <CopyLinkButton />
        <button
          type="button"
          className="btn btn-ghost btn-small"
          aria-expanded={aboutOpen}
          aria-controls="about-run"
          data-testid="about-button"
          onClick={() => useUi.setState({ aboutOpen: !aboutOpen })}
        >
          About this run
        </button>
        <label className="theme-select" title="Colour theme (D switches light / dark)">
          <svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true">
            <circle cx="12" cy="12" r="8" fill="none" stroke="currentColor" strokeWidth="2" />
            <path d="M12 4a8 8 0 0 1 0 16z" fill="currentColor" />
          </svg>
          <select value={theme} aria-label="Theme" data-testid="theme" onChange={(e) => setTheme(e.currentTarget.value as typeof theme)}>
            <option value="system">Auto</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
        <button
          type="button"
          className="icon-btn"
          aria-label="Help and keyboard shortcuts (?)"
          title="Help and keyboard shortcuts (?)"
          data-testid="help-button"
          onClick={() => useUi.setState({ helpOpen: true })}
        >
          ?
        </button>
      </div>
    </header>
  );
});
