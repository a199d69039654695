/**
 * Adds the "Search" side tab. Its panel, and the worker code behind it, load only when the tab
 * is wanted, so the playground's first paint does not pay for them.
 */
import { lazyPanel } from '../lazyPanel';
import { registerSidePanel } from '../sidePanels';

/** The side-panel tab id. */
export const SEARCH_TAB_ID = 'search';

const panel = lazyPanel(() => import('./SearchPanel').then((m) => m.SearchPanel), 'search');

let registered = false;

/** Registers the tab (idempotent). */
export function registerSearchTab(): void {
  if (registered) return;
  registered = true;
  registerSidePanel({ id: SEARCH_TAB_ID, title: 'Search', order: 6, render: panel.render, prefetch: panel.prefetch });
}

registerSearchTab();
