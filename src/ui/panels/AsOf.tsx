/**
 * While the run moves, the panels re-render only now and then (see TICK_MS in
 * engineController.ts), so their figures trail the dots on the canvas by up to a second. This
 * line says so, naming the virtual time the figures were computed at, in the same unit as the
 * clock, and why they move (playing, or running to the end). It is plain text, not a live
 * region: a line that changes twice a second must not chatter in a screen reader. When still,
 * every panel is exact and the line goes away.
 *
 * It reads the engine on the same tick as the panels, not the store's playhead, which follows
 * every frame during a run to the end: the time shown is the time the figures were computed at.
 */
import { memo } from 'react';
import { fmtMs } from '../format';
import { useEngine } from '../useEngine';

const WHY = { playing: 'updates while playing', runToEnd: 'running to the end' } as const;

/**
 * See the module comment. `where` names the panel for tests; `short` drops the reason where room
 * is scarce; `reserve` keeps an invisible line of the same height while still, so starting and
 * stopping never moves what is under it.
 */
export const AsOf = memo(function AsOf({ where, short = false, reserve = false }: { where: string; short?: boolean; reserve?: boolean }) {
  const { at, follow } = useEngine((e) => ({ at: e.now, follow: e.panelsFollow }));
  if (!follow) {
    return reserve ? (
      <p className="as-of as-of-reserved" aria-hidden="true">
        As of 0 ms
      </p>
    ) : null;
  }
  return (
    <p className="as-of" data-testid={`as-of-${where}`} data-at={at} data-follow={follow}>
      {short ? 'as of' : 'As of'} <span className="mono">{fmtMs(at)}</span>
      {short ? null : <span className="as-of-why"> · {WHY[follow]}</span>}
    </p>
  );
});
