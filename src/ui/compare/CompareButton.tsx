/** The top bar's "Compare" toggle: opens side B beside the run on screen, or closes it. */
import { memo } from 'react';
import { engine } from '../engineController';
import { closeCompare, openCompare, useCompare } from './compareStore';

/** See the module comment. */
export const CompareButton = memo(function CompareButton() {
  const open = useCompare((s) => s.open);
  return (
    <button
      type="button"
      className="btn btn-ghost btn-small"
      aria-pressed={open}
      title="Run the same seed with other faults and remedies, side by side"
      data-testid="compare-button"
      onClick={() => (open ? closeCompare() : openCompare(engine.scenario))}
    >
      Compare
    </button>
  );
});
