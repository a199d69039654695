/**
 * Side-panel tabs whose code is loaded on demand: the tab's button is there from the first
 * paint, its panel (and heavy code such as uPlot or the lesson catalog) arrives in its
 * own chunk when the tab is opened — or a moment earlier, when the pointer or focus reaches
 * the tab, so opening it rarely shows the loading line at all.
 *
 * A chunk that fails to load (offline before the service worker had it, a deployment that
 * removed it) shows what happened and a "Try again" button instead of a blank panel.
 */
import { Component, type ComponentType, type ErrorInfo, lazy, type ReactNode, Suspense } from 'react';

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

interface BoundaryProps {
  what: string;
  onRetry: () => void;
  children: ReactNode;
}

interface BoundaryState {
  error: Error | null;
  /** How many times "Try again" was pressed: Chromium remembers a failed import, so a retry may fail again. */
  retries: number;
}

/** Catches a panel that failed to load or to draw, and offers to try again or to reload. */
export class PanelBoundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { error: null, retries: 0 };

  static getDerivedStateFromError(error: Error): Partial<BoundaryState> {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.info(`The ${this.props.what} panel could not be shown.`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error, retries } = this.state;
    if (!error) return this.props.children;
    const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
    return (
      <div className="panel-error" role="alert" data-testid="panel-error">
        <p>
          <strong>The {this.props.what} panel could not be loaded.</strong>{' '}
          {offline ? 'This browser is offline, and the panel was not saved for offline use yet.' : 'Its code did not arrive; the network may have dropped.'}{' '}
          The rest of the playground keeps working.
        </p>
        {retries > 0 && (
          <p data-testid="panel-error-reload-hint">
            Trying again did not help: this browser remembers the failed download until the page is reloaded. Reloading keeps your run, which
            is saved in the address.
          </p>
        )}
        <div className="panel-error-actions">
          <button
            type="button"
            className="btn btn-small"
            data-testid="panel-retry"
            onClick={() => {
              this.props.onRetry();
              this.setState((s) => ({ error: null, retries: s.retries + 1 }));
            }}
          >
            Try again
          </button>
          {retries > 0 && (
            <button type="button" className="btn btn-small" data-testid="panel-reload" onClick={() => window.location.reload()}>
              Reload the page
            </button>
          )}
        </div>
      </div>
    );
  }
}

/** Wraps a dynamic import of a panel component; the import runs once, whoever asks first, and again after a failure. */
export function lazyPanel(load: () => Promise<ComponentType>, what: string): LazyPanel {
  let loading: Promise<{ default: ComponentType }> | null = null;
  const start = () => {
    loading ??= load()
      .then((c) => ({ default: c }))
      .catch((e: unknown) => {
        // Forget the failure, so "Try again" (or the next prefetch) really fetches again.
        loading = null;
        throw e;
      });
    return loading;
  };
  // React caches a lazy component's failure, so a retry needs a new one.
  let Panel = lazy(start);
  const retry = () => {
    Panel = lazy(start);
  };
  return {
    render: () => (
      <PanelBoundary what={what} onRetry={retry}>
        <Suspense fallback={<PanelLoading what={what} />}>
          <Panel />
        </Suspense>
      </PanelBoundary>
    ),
    prefetch: () => void start().catch(() => undefined),
  };
}
