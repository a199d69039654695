/**
 * The progress line of a running search: runs, rate, elapsed time and workers, a bar against the
 * budget, and Cancel — also on Escape, which belongs to the search while it runs.
 */
import { useEffect } from 'react';
import { count, rate, seconds } from './format';
import { cancelSearch, type SearchPhase, useSearch } from './searchStore';

const LABEL: Partial<Record<SearchPhase, string>> = {
  searching: 'Searching',
  shrinking: 'Shrinking the failing run',
  opening: 'Opening it in the playground',
};

/** See the module comment. `total`: what 100 % means (runs or schedules). */
export function SearchProgress({ total, unit }: { total: number | null; unit: string }) {
  const phase = useSearch((s) => s.phase);
  const p = useSearch((s) => s.progress);
  const label = LABEL[phase];
  useEffect(() => {
    if (!label) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      cancelSearch();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [label]);
  if (!label) return null;
  const runs = p?.runs ?? 0;
  return (
    <div className="search-progress" role="status" data-testid="search-progress" data-phase={phase}>
      <div className="search-progress-line">
        <strong>{label}…</strong>
        {phase === 'searching' && (
          <span data-testid="search-progress-figures">
            {count(runs)} {unit} · {rate(p?.rate ?? 0)} {unit}/s · {seconds(p?.elapsedMs ?? 0)} · {p?.workers ?? '…'} workers
          </span>
        )}
      </div>
      {phase === 'searching' && total !== null && <progress max={total} value={runs} aria-label={`${count(runs)} of ${count(total)} ${unit}`} />}
      {phase !== 'opening' && (
        <button type="button" className="btn btn-small" onClick={cancelSearch} data-testid="search-cancel">
          Cancel (Esc)
        </button>
      )}
    </div>
  );
}
