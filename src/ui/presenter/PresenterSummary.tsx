/**
 * In presenter mode the side panel steps aside, so at the end of a run "what the remedies did"
 * comes up over the graph, large, until the presenter hides it (or the run changes).
 */
import { memo, useEffect, useState } from 'react';
import { RemedySummary, useHasEndSummary } from '../panels/RemedySummary';

/** See the module comment. */
export const PresenterSummary = memo(function PresenterSummary() {
  const ready = useHasEndSummary();
  const [hidden, setHidden] = useState(false);
  // A new end (another run) shows it again.
  useEffect(() => {
    if (!ready) setHidden(false);
  }, [ready]);
  if (!ready) return null;
  if (hidden) {
    return (
      <button type="button" className="btn presenter-summary-show" data-testid="presenter-summary-show" onClick={() => setHidden(false)}>
        What the remedies did
      </button>
    );
  }
  return (
    <aside className="presenter-summary" aria-label="What the remedies did" data-testid="presenter-summary">
      <button type="button" className="btn btn-small presenter-summary-hide" data-testid="presenter-summary-hide" onClick={() => setHidden(true)}>
        Hide
      </button>
      <RemedySummary />
    </aside>
  );
});
