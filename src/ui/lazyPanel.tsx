/**
 * Side-panel tabs whose code is loaded on demand: the tab's button is there from the first
 * paint, its panel (and heavy code such as uPlot or the lesson catalog) arrives in its
 * own chunk when the tab is opened — or a moment earlier, when the pointer or focus reaches
 * the tab, so opening it rarely shows the loading line at all.
 */
import { type ComponentType, lazy, type ReactNode, Suspense } from 'react';

/** A lazily loaded panel: `render` for the side-panel registry, `prefetch` to start loading early. */
export interface LazyPanel {
  render: () => ReactNode;
  prefetch: () => void;
}

/** The line shown while a panel's code loads. */
export function PanelLoading({ what }: { what: string }) {
  return (
    <p className="empty panel-loading" role="status" data-testid="panel-loading">
      Loading {what}…
    </p>
  );
}

/** Wraps a dynamic import of a panel component; the import runs once, whoever asks first. */
export function lazyPanel(load: () => Promise<ComponentType>, what: string): LazyPanel {
  let loading: Promise<{ default: ComponentType }> | null = null;
  const start = () => {
    loading ??= load().then((c) => ({ default: c }));
    return loading;
  };
  const Panel = lazy(start);
  return {
    render: () => (
      <Suspense fallback={<PanelLoading what={what} />}>
        <Panel />
      </Suspense>
    ),
    prefetch: () => void start(),
  };
}
