/**
 * A small chip in the outcome headline when the run was cut short by its event budget. Clicking
 * it (or Enter, or a tap on a phone, where there is no hover) opens the engine's own sentence,
 * so the page, the runner and the report say the same thing. The sentence is a native popover:
 * it sits in the top layer, so the headline's clipped overflow cannot cut it off.
 */
import { memo, useId } from 'react';
import { useEngine } from '../useEngine';
import './stoppedEarly.css';

/** See the module comment. */
export const StoppedEarlyNotice = memo(function StoppedEarlyNotice() {
  const message = useEngine((e) => e.report().stoppedEarly?.message ?? null);
  const id = useId();
  if (message === null) return null;
  return (
    <>
      <button type="button" className="stat stat-review stopped-early" popoverTarget={id} title={message} data-testid="stopped-early">
        stopped early
      </button>
      <div id={id} popover="auto" className="stopped-early-text" data-testid="stopped-early-text">
        <strong>Stopped early.</strong> {message}
      </div>
    </>
  );
});
