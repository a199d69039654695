/**
 * The right-hand side panel: the built-in "Run" tab (anomalies and inspector) plus any tab
 * registered with `registerSidePanel` (lessons, challenges, observability).
 */
import { type KeyboardEvent, memo } from 'react';
import { InFlightList } from './a11y/InFlightList';
import { tabKeyTarget } from './a11y/tabKeys';
import { AnomalyList } from './panels/AnomalyList';
import { AsOf } from './panels/AsOf';
import { Inspector } from './panels/Inspector';
import { RemedySummary } from './panels/RemedySummary';
import { useSidePanels } from './sidePanels';
import { useUi } from './store';

const RunTab = memo(function RunTab() {
  return (
    <div className="run-tab">
      <AsOf where="side" reserve />
      <RemedySummary />
      <AnomalyList />
      <Inspector />
      <InFlightList />
    </div>
  );
});

/** See the module comment. */
export const SidePanel = memo(function SidePanel() {
  const extra = useSidePanels();
  const active = useUi((u) => u.sideTab);
  const tabs: { id: string; title: string; prefetch?: () => void }[] = [{ id: 'run', title: 'Run' }, ...extra];
  const current = tabs.some((t) => t.id === active) ? active : 'run';
  const registered = extra.find((t) => t.id === current);
  const body = registered ? registered.render() : <RunTab />;
  const move = (e: KeyboardEvent, from: string) => {
    const i = tabs.findIndex((t) => t.id === from);
    const to = tabKeyTarget(e.key, i, tabs.length);
    if (to === null) return;
    // Arrow keys move between tabs here, not through time.
    e.preventDefault();
    e.stopPropagation();
    const next = tabs[to];
    next.prefetch?.();
    useUi.setState({ sideTab: next.id });
    document.getElementById(`side-tab-${next.id}`)?.focus();
  };
  return (
    <aside id="side-panel" className="side-panel" aria-label="Side panel" data-testid="side-panel">
      {tabs.length > 1 && (
        <div className="tabs" role="tablist" aria-label="Side panel">
          {tabs.map((t) => (
            <button
              key={t.id}
              id={`side-tab-${t.id}`}
              type="button"
              role="tab"
              aria-selected={current === t.id}
              aria-controls="side-tabpanel"
              tabIndex={current === t.id ? 0 : -1}
              className="tab"
              data-testid={`side-tab-${t.id}`}
              onClick={() => useUi.setState({ sideTab: t.id })}
              onKeyDown={(e) => move(e, t.id)}
              onPointerEnter={t.prefetch}
              onFocus={t.prefetch}
            >
              {t.title}
            </button>
          ))}
        </div>
      )}
      {tabs.length > 1 ? (
        <div className="side-body" id="side-tabpanel" role="tabpanel" aria-labelledby={`side-tab-${current}`}>
          {body}
        </div>
      ) : (
        <div className="side-body">{body}</div>
      )}
    </aside>
  );
});
