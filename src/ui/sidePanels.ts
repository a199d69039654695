/**
 * The side panel registry: other parts of the product (lessons, challenges, observability)
 * add tabs to the right-hand `<aside id="side-panel">` without editing the layout.
 */
import type { ReactNode } from 'react';
import { useSyncExternalStore } from 'react';

/** One tab of the side panel. */
export interface SidePanelTab {
  /** Stable id, e.g. 'lesson'. Registering the same id again replaces the tab. */
  id: string;
  title: string;
  render: () => ReactNode;
  /** Lower comes first; the built-in "Run" tab has order 0. */
  order?: number;
  /** Starts loading the panel's code (for lazily loaded panels), called when the pointer or focus reaches the tab. */
  prefetch?: () => void;
}

let tabs: SidePanelTab[] = [];
const subs = new Set<() => void>();

function notify(): void {
  for (const fn of subs) fn();
}

/** Adds (or replaces) a side panel tab. Returns a function that removes it. */
export function registerSidePanel(tab: SidePanelTab): () => void {
  tabs = [...tabs.filter((t) => t.id !== tab.id), tab].sort((a, b) => (a.order ?? 10) - (b.order ?? 10));
  notify();
  return () => {
    tabs = tabs.filter((t) => t !== tab);
    notify();
  };
}

/** The registered tabs, kept in sync with the registry. */
export function useSidePanels(): SidePanelTab[] {
  return useSyncExternalStore(
    (fn) => {
      subs.add(fn);
      return () => subs.delete(fn);
    },
    () => tabs,
  );
}
