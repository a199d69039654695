/**
 * The timeline: a range input that seeks anywhere in the run (a deterministic re-run when
 * going back), with ticks where controls were changed during the run.
 */
import { useActorRef, useSelector } from '@xstate/react';
import { memo, useEffect, useRef } from 'react';
import { engine } from '../engineController';
import { fmtMs, fmtWholeMs } from '../format';
import { AlertTicks } from '../observability/AlertTicks';
import { useUi } from '../store';
import { useEngine } from '../useEngine';
import { scrubMachine } from './scrubMachine';

/** See the module comment. */
/** From this run length (100 s) on, the clock's two readings no longer fit beside the track on one line. */
const LONG_CLOCK_MS = 100_000;

export const Scrubber = memo(function Scrubber() {
  const playhead = useUi((u) => u.playhead);
  const horizon = useUi((u) => u.horizon);
  const known = useUi((u) => u.horizonKnown);
  const changes = useEngine((e) => e.scenario.changes.map((c) => `${c.atMs}@${c.whatIf ? `what-if ${c.whatIf.action} ${c.whatIf.msg}` : c.path}`).join(','), Object.is);
  const max = Math.max(horizon, playhead, 1);
  const step = Math.max(0.1, Math.round(max / 500));
  // While pressed or seeking, show the chosen time rather than the moving playhead (see scrubMachine).
  const scrub = useActorRef(scrubMachine);
  const target = useSelector(scrub, (s) => (s.matches('idle') ? null : s.context.target));
  const pressed = useSelector(scrub, (s) => s.matches('pressed'));
  const input = useRef<HTMLInputElement>(null);
  const clock = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    // While playing, the store's playhead moves only a few times a second (a React render each
    // time); the thumb and clock follow the frames here, straight in the DOM, at ~20 Hz.
    let last = 0;
    return engine.subscribeFrame(() => {
      const ts = performance.now();
      if (!engine.player.playing || ts - last < 50 || !scrub.getSnapshot().matches('idle')) return;
      last = ts;
      const now = engine.now;
      if (input.current && now <= Number(input.current.max)) input.current.value = String(now);
      // The text node React rendered, so React's next render updates the same node.
      const text = clock.current?.firstChild;
      if (text) text.nodeValue = now.toFixed(1);
    });
  }, [scrub]);
  useEffect(() => {
    if (!pressed) return;
    // The button may come up outside the input.
    const up = () => scrub.send({ type: 'RELEASE' });
    window.addEventListener('pointerup', up);
    window.addEventListener('pointercancel', up);
    return () => {
      window.removeEventListener('pointerup', up);
      window.removeEventListener('pointercancel', up);
    };
  }, [pressed, scrub]);
  const seekTo = (t: number) => {
    // The browser's closing "change" repeats the chosen value: not a new choice.
    if (t === target) return;
    scrub.send({ type: 'CHOOSE', value: t });
    void engine.seek(t).finally(() => scrub.send({ type: 'SEEK_DONE', value: t }));
  };
  return (
    <div className="scrubber">
      <div className="scrub-track">
        <input
          ref={input}
          type="range"
          min={0}
          max={max}
          step="any"
          value={target ?? playhead}
          aria-label="Timeline"
          aria-valuetext={`${fmtMs(target ?? playhead)} of ${fmtMs(max)}`}
          data-testid="scrubber"
          onPointerDown={() => scrub.send({ type: 'PRESS' })}
          onChange={(e) => seekTo(Number(e.currentTarget.value))}
          onKeyDown={(e) => {
            // Arrow keys move by a visible amount rather than the browser's 1% of "any".
            if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
              e.preventDefault();
              e.stopPropagation();
              seekTo(Math.min(max, Math.max(0, (target ?? playhead) + (e.key === 'ArrowRight' ? step * 5 : -step * 5))));
            }
          }}
        />
        <div className="scrub-ticks" aria-hidden="true">
          {/* One tick per time and control: moving a slider twice at one playhead records two changes there. */}
          {[...new Set(changes.split(',').filter(Boolean))].map((c) => {
            const t = Number(c.split('@')[0]);
            return <span key={c} className="scrub-tick" style={{ left: `${(t / max) * 100}%` }} title={`${c.split('@')[1]} changed at ${fmtMs(t)}`} />;
          })}
        </div>
        {/* Observability: where alerts fired. */}
        <AlertTicks max={max} />
      </div>
      {/* A long run's clock stacks the end under the playhead, so its width does not squeeze the track to nothing. */}
      <span className={max >= LONG_CLOCK_MS ? 'clock clock-long' : 'clock'} data-testid="clock">
        <span data-testid="playhead" ref={clock}>{playhead.toFixed(1)}</span>
        <span className="clock-end">
          <span className="clock-sep"> / </span>
          {/* In ms like the playhead before it: "58215.6 / 60.00 s" mixed two units. */}
          <span title={known ? 'End of the run' : 'Estimated end of the run'}>{known ? fmtWholeMs(max) : `~${fmtWholeMs(max)}`}</span>
        </span>
      </span>
    </div>
  );
});
