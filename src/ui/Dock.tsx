/** The bottom dock under the topology: orders, the selected order's trace, money and stock. */
import { memo } from 'react';
import { tabKeyTarget } from './a11y/tabKeys';
import { AsOf } from './panels/AsOf';
import { MoneyStock } from './panels/MoneyStock';
import { OrdersPanel } from './panels/OrdersPanel';
import { OrderTrace } from './panels/OrderTrace';
import { type DockTab, useUi } from './store';

const TABS: { id: DockTab; title: string }[] = [
  { id: 'orders', title: 'Orders' },
  { id: 'trace', title: 'Order trace' },
  { id: 'money', title: 'Money & stock' },
];

/** See the module comment. */
export const Dock = memo(function Dock() {
  const tab = useUi((u) => u.dockTab);
  const order = useUi((u) => u.selectedOrder);
  return (
    <section className="dock" aria-label="Details">
      <div className="dock-head">
        <div className="tabs" role="tablist" aria-label="Details">
          {TABS.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`dock-tab-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls={`dock-panel-${t.id}`}
              tabIndex={tab === t.id ? 0 : -1}
              className="tab"
              data-testid={`dock-tab-${t.id}`}
              onClick={() => useUi.setState({ dockTab: t.id })}
              onKeyDown={(e) => {
                const i = TABS.findIndex((x) => x.id === tab);
                const to = tabKeyTarget(e.key, i, TABS.length);
                if (to === null) return;
                // Arrow, Home and End keys move between tabs here, not through time.
                e.preventDefault();
                e.stopPropagation();
                const next = TABS[to];
                useUi.setState({ dockTab: next.id });
                document.getElementById(`dock-tab-${next.id}`)?.focus();
              }}
            >
              {t.title}
              {t.id === 'trace' && order ? <span className="tab-note mono">{order}</span> : null}
            </button>
          ))}
        </div>
        <AsOf where="dock" reserve />
      </div>
      <div className="tab-panel" role="tabpanel" id={`dock-panel-${tab}`} aria-labelledby={`dock-tab-${tab}`}>
        {tab === 'orders' && <OrdersPanel />}
        {tab === 'trace' && <OrderTrace />}
        {tab === 'money' && <MoneyStock />}
      </div>
    </section>
  );
});
