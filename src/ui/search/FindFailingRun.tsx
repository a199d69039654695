/**
 * "Find a failing run": what it will do under the playground's current remedies, the button and
 * budget, progress, and the outcome — the broken rule in one sentence with its orders (each a
 * click away), how shrinking made it smaller, or, when nothing broke, how many runs that was and
 * that it proves nothing.
 */
import { REMEDIES } from '../../sim/catalog';
import type { Remedies } from '../../sim/types';
import { selectOrder } from '../store';
import { useEngine } from '../useEngine';
import { count, plural, rate, seconds } from './format';
import { RULE_TITLES } from './ruleLabels';
import { SearchProgress } from './SearchProgress';
import { searchBase } from './searchScenario';
import { findFailingRun, openRun, searchBusy, setBudget, useSearch } from './searchStore';

function remediesOn(r: Remedies): string[] {
  return (Object.keys(REMEDIES) as (keyof Remedies)[])
    .filter((k) => (k === 'ordering' ? r.ordering !== 'none' : r[k] === true))
    .map((k) => REMEDIES[k].label);
}

function Outcome() {
  const phase = useSearch((s) => s.phase);
  const figures = useSearch((s) => s.figures);
  const found = useSearch((s) => s.found);
  const shrunk = useSearch((s) => s.shrunk);
  const opened = useSearch((s) => s.opened);
  const error = useSearch((s) => s.error);
  if (phase === 'error') {
    return (
      <p className="search-outcome tone-bad" role="alert" data-testid="search-error">
        The search stopped with an error: {error}
      </p>
    );
  }
  if (!figures) return null;
  const how = `${plural(figures.runs, 'run')} in ${seconds(figures.elapsedMs)} (${rate(figures.rate)} runs/s on ${plural(figures.workers, 'worker')})`;
  if (phase === 'none') {
    return (
      <div className="search-outcome tone-ok" data-testid="search-none" data-runs={figures.runs} data-rate={figures.rate} data-workers={figures.workers} data-elapsed={figures.elapsedMs}>
        <p>
          <strong>No failing run in {count(figures.runs)} runs.</strong> Tried {how}.
        </p>
        <p className="muted small">
          This is not a proof: every one of these runs kept every rule, but runs the search did not try may still break one. For a
          proof on a small design, use “Prove it”.
        </p>
      </div>
    );
  }
  if (phase === 'cancelled') {
    return (
      <p className="search-outcome" data-testid="search-cancelled">
        Cancelled after {how}{found ? ', with a failing run found but not opened.' : '; none of them broke a rule.'}
      </p>
    );
  }
  if (!found) return null;
  const v = shrunk?.violation ?? found.violation;
  const scenario = shrunk?.scenario ?? found.scenario;
  return (
    <div className="search-outcome tone-bad" data-testid="search-found" data-rule={v.invariant}>
      <p>
        <strong data-testid="search-rule">Broken: {RULE_TITLES[v.invariant]}.</strong> <span data-testid="search-sentence">{v.sentence}</span>
      </p>
      <p className="muted small">
        Found in run {count(found.runIndex + 1)} of the search, after {how}.{' '}
        {shrunk
          ? shrunk.steps.length
            ? `Shrunk in ${plural(shrunk.runs, 'run')}: ${shrunk.steps.join(', ')}.`
            : `Already minimal (${plural(shrunk.runs, 'shrinking run')} tried).`
          : 'Not shrunk (cancelled); this is the run as found.'}{' '}
        The playground now holds this run (seed {scenario.seed}, {scenario.workload.orders} {scenario.workload.orders === 1 ? 'order' : 'orders'}).
      </p>
      {v.orderIds.length > 0 && (
        <div className="search-orders">
          <span className="muted small">Orders:</span>
          {v.orderIds.map((o) => (
            <button key={o} type="button" className="btn btn-small" data-testid="search-order" data-selected={opened?.orderId === o || undefined} onClick={() => selectOrder(o)}>
              {o}
            </button>
          ))}
        </div>
      )}
      {phase === 'found' && (
        <button type="button" className="btn btn-small" onClick={() => void openRun(scenario, v)} data-testid="search-reopen">
          Open it again
        </button>
      )}
    </div>
  );
}

/** See the module comment. */
export function FindFailingRun() {
  const phase = useSearch((s) => s.phase);
  const budget = useSearch((s) => s.budget);
  const leftOut = useSearch((s) => s.leftOut);
  const remedies = useEngine((e) => remediesOn(searchBase(e.scenario).remedies).join(', '), Object.is);
  const busy = searchBusy(phase);
  return (
    <section className="search-section" aria-labelledby="find-title" data-testid="find-section">
      <h3 id="find-title" className="panel-title">
        Find a failing run
      </h3>
      <p className="small">
        Runs the playground’s setup again and again with other seeds under the faults and remedies switched on now, until the
        independent checker finds a broken business rule. The first one found is shrunk to the smallest run that still breaks the
        rule and opened in the playground.
      </p>
      <p className="muted small" data-testid="find-remedies">
        Remedies on: {remedies || 'none'}.
      </p>
      <div className="search-row">
        <label className="search-budget">
          <span>Runs to try</span>
          <input
            type="number"
            min={1}
            max={1_000_000}
            step={100}
            value={budget}
            disabled={busy}
            onChange={(e) => setBudget(Number(e.target.value))}
            data-testid="search-budget"
          />
        </label>
        <button type="button" className="btn" disabled={busy} onClick={() => void findFailingRun()} data-testid="find-failing-run">
          Find a failing run
        </button>
      </div>
      <SearchProgress total={budget} unit="runs" />
      {leftOut > 0 && !busy && (
        <p className="muted small">The {leftOut} hand-made what-ifs of your run were left out: they name messages of that one run.</p>
      )}
      <Outcome />
    </section>
  );
}
