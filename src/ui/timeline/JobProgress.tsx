/**
 * Progress and Cancel for long operations (a seek far away, a rewind, a run to the end): shown
 * once a job has taken 300 ms, with a bar, and a button or Escape to stop it. Cancelling leaves
 * the player idle wherever the job had got to (see Player).
 */
import { useSelector } from '@xstate/react';
import { memo, useEffect, useState } from 'react';
import { engine } from '../engineController';

/** Jobs quicker than this never show the bar, so short seeks do not flicker. */
export const SHOW_AFTER_MS = 300;

/** See the module comment. */
export const JobProgress = memo(function JobProgress() {
  const job = useSelector(engine.player.actor, (s) => s.context.job);
  const [shownFor, setShownFor] = useState<number | null>(null);
  const id = job?.id ?? null;
  const startedAt = job?.startedAt ?? 0;
  useEffect(() => {
    if (id === null) return;
    const timer = setTimeout(() => setShownFor(id), Math.max(0, SHOW_AFTER_MS - (performance.now() - startedAt)));
    return () => clearTimeout(timer);
  }, [id, startedAt]);
  const visible = job !== null && shownFor === job.id;
  useEffect(() => {
    if (!visible) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      // Escape belongs to the job while one is shown: nothing else should close at the same time.
      e.preventDefault();
      e.stopPropagation();
      engine.cancel();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [visible]);
  if (!visible || !job) return null;
  const pct = job.progress === null ? null : Math.round(job.progress * 100);
  return (
    <span className="job-progress" role="status" data-testid="job-progress" data-kind={job.kind}>
      <span className="job-label">{job.label}…</span>
      <progress max={1} {...(job.progress === null ? {} : { value: job.progress })} aria-label={`${job.label}: ${pct === null ? 'working' : `${pct}%`}`} />
      {pct !== null && <span className="job-pct">{pct}%</span>}
      <button type="button" className="btn btn-small" onClick={() => engine.cancel()} data-testid="job-cancel">
        Cancel (Esc)
      </button>
    </span>
  );
});
