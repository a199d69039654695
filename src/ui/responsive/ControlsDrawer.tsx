/**
 * On a phone the controls live in a drawer that slides over the page, so the topology comes
 * first. On wider screens the wrapper takes no box of its own (display: contents) and the
 * controls stay in their column; the button that opens the drawer is shown on phones only.
 */
import { memo, type ReactNode, useEffect } from 'react';
import { create } from 'zustand';

/** Whether the phone drawer is open. */
export const useDrawer = create<{ open: boolean }>(() => ({ open: false }));

const DRAWER_ID = 'controls-drawer';

/** The phone-only header button that opens and closes the drawer. */
export const DrawerButton = memo(function DrawerButton() {
  const open = useDrawer((d) => d.open);
  return (
    <button
      type="button"
      className="btn btn-small drawer-button"
      aria-expanded={open}
      aria-controls={DRAWER_ID}
      data-testid="drawer-button"
      onClick={() => useDrawer.setState({ open: !open })}
    >
      <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
        <path d="M4 7h16M4 12h16M4 17h16" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
      Controls
    </button>
  );
});

/** Wraps the controls panel; see the module comment. */
export function ControlsDrawer({ children }: { children: ReactNode }) {
  const open = useDrawer((d) => d.open);
  useEffect(() => {
    if (!open) return;
    // Esc closes the drawer before anything else hears it; focus goes into it so the keyboard follows.
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.stopImmediatePropagation();
      useDrawer.setState({ open: false });
      document.querySelector<HTMLElement>('[data-testid="drawer-button"]')?.focus();
    };
    window.addEventListener('keydown', onKey, true);
    document.querySelector<HTMLElement>(`#${DRAWER_ID} summary`)?.focus();
    return () => window.removeEventListener('keydown', onKey, true);
  }, [open]);
  return (
    <>
      <div id={DRAWER_ID} className="controls-drawer" data-open={open || undefined} data-testid="controls-drawer">
        <div className="drawer-head">
          <span className="drawer-title">Scenario controls</span>
          <button type="button" className="btn btn-small" data-testid="drawer-close" onClick={() => useDrawer.setState({ open: false })}>
            Done
          </button>
        </div>
        {children}
      </div>
      {open && <button type="button" className="drawer-backdrop" aria-label="Close the controls" tabIndex={-1} onClick={() => useDrawer.setState({ open: false })} />}
    </>
  );
}
