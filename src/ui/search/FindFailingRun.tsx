/**
 * "Find a failing run": what it will do under the playground's current remedies, the budget and
 * the button, progress, and the outcome (shared with "Prove it", see SearchOutcome.tsx).
 */
import { REMEDIES } from '../../sim/catalog';
import type { Remedies } from '../../sim/types';
import { useEngine } from '../useEngine';
import { BudgetField } from './BudgetField';
import { SearchOutcome } from './SearchOutcome';
import { SearchProgress } from './SearchProgress';
import { searchBase } from './searchScenario';
import { findFailingRun, searchBusy, useSearch } from './searchStore';

/** The remedies switched on, by their labels. */
export function remediesOn(r: Remedies): string[] {
  return (Object.keys(REMEDIES) as (keyof Remedies)[])
    .filter((k) => (k === 'ordering' ? r.ordering !== 'none' : r[k] === true))
    .map((k) => REMEDIES[k].label);
}

/** See the module comment. */
export function FindFailingRun() {
  const phase = useSearch((s) => s.phase);
  const mode = useSearch((s) => s.mode);
  const budget = useSearch((s) => s.budget);
  const remedies = useEngine((e) => remediesOn(searchBase(e.scenario).remedies).join(', '), Object.is);
  const busy = searchBusy(phase);
  return (
    <section className="search-section" aria-labelledby="find-title" data-testid="find-section">
      <h3 id="find-title" className="panel-title">
        Find a failing run
      </h3>
      <p className="small">
        Runs the playground’s setup again and again, each time with another seed (other timing, other fault decisions at the rates
        set in the controls), until the independent checker finds a broken business rule. The first one found is shrunk to the smallest
        run that still breaks it — fewer orders, fewer and weaker faults, fewer fault decisions — and opened in the playground.
      </p>
      <p className="muted small" data-testid="find-remedies">
        Remedies on: {remedies || 'none'}.
      </p>
      <div className="search-row">
        <BudgetField disabled={busy} />
        <button type="button" className="btn" disabled={busy} onClick={() => void findFailingRun()} data-testid="find-failing-run">
          Find a failing run
        </button>
      </div>
      {mode === 'find' && (
        <>
          <SearchProgress total={budget} unit="runs" />
          <SearchOutcome />
        </>
      )}
    </section>
  );
}
