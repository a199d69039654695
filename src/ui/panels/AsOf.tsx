/**
 * While the run moves, the panels re-render only now and then (see TICK_MS in
 * engineController.ts), so their figures trail the dots on the canvas by up to a second. This
 * line says so, naming the virtual time the figures were computed at, in the same unit as the
 * clock. It is plain text, not a live region: a line that changes twice a second must not
 * chatter in a screen reader. Paused, every panel is exact and the line goes away.
 */
import { memo } from 'react';
import { fmtMs } from '../format';
import { useUi } from '../store';

/** See the module comment; `where` names the panel for tests; `short` drops the explanation where room is scarce. */
export const AsOf = memo(function AsOf({ where, short = false }: { where: string; short?: boolean }) {
  // The store's playhead moves only on panel ticks while playing: it is the panels' time.
  const moving = useUi((u) => u.playing || u.busy !== null);
  const at = useUi((u) => u.playhead);
  if (!moving) return null;
  return (
    <p className="as-of" data-testid={`as-of-${where}`} data-at={at}>
      {short ? 'as of' : 'As of'} <span className="mono">{fmtMs(at)}</span>
      {short ? null : <span className="as-of-why"> · updates while playing</span>}
    </p>
  );
});
