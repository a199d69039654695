/**
 * The right-hand side panel: the built-in "Run" tab (anomalies and inspector) plus any tab
 * registered with `registerSidePanel` (lessons, challenges, observability).
 */
import { memo } from 'react';
import { AnomalyList } from './panels/AnomalyList';
import { Inspector } from './panels/Inspector';
import { useSidePanels } from './sidePanels';
import { useUi } from './store';

const RunTab = memo(function RunTab() {
  return (
    <div className="run-tab">
      <AnomalyList />
      <Inspector />
    </div>
  );
});

/** See the module comment. */
export const SidePanel = memo(function SidePanel() {
  const extra = useSidePanels();
  const active = useUi((u) => u.sideTab);
  const tabs = [{ id: 'run', title: 'Run' }, ...extra.map((t) => ({ id: t.id, title: t.title }))];
  const current = tabs.some((t) => t.id === active) ? active : 'run';
  const registered = extra.find((t) => t.id === current);
  return (
    <aside id="side-panel" className="side-panel" aria-label="Side panel" data-testid="side-panel">
      {tabs.length > 1 && (
        <div className="tabs" role="tablist" aria-label="Side panel">
          {tabs.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              aria-selected={current === t.id}
              className="tab"
              data-testid={`side-tab-${t.id}`}
              onClick={() => useUi.setState({ sideTab: t.id })}
            >
              {t.title}
            </button>
          ))}
        </div>
      )}
      <div className="side-body" role={tabs.length > 1 ? 'tabpanel' : undefined}>
        {registered ? registered.render() : <RunTab />}
      </div>
    </aside>
  );
});
