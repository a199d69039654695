/**
 * The outcome of the last search, in words: the broken rule in one sentence with its orders (a
 * click selects one), what shrinking took away; or, with nothing found, how many runs (or
 * schedules) that was, at what rate, and what it does and does not show.
 */
import { selectOrder } from '../store';
import { count, plural, rate, seconds } from './format';
import { RULE_TITLES } from './ruleLabels';
import { shrinkSteps } from './shrinkSummary';
import { openRun, type SearchFigures, searchBusy, useSearch } from './searchStore';

function how(f: SearchFigures, unit: string): string {
  return `${plural(f.runs, unit)} in ${seconds(f.elapsedMs)} (${rate(f.rate)} ${unit}s/s on ${plural(f.workers, 'worker')})`;
}

function Excused({ f }: { f: SearchFigures }) {
  if (f.excused === 0) return null;
  return (
    <p className="muted small" data-testid="search-excused">
      {plural(f.excused, 'run')} parked an order for manual review: visible, not healed — a person must act — so not counted as failing.
    </p>
  );
}

function Found() {
  const mode = useSearch((s) => s.mode);
  const phase = useSearch((s) => s.phase);
  const figures = useSearch((s) => s.figures);
  const found = useSearch((s) => s.found);
  const shrunk = useSearch((s) => s.shrunk);
  const opened = useSearch((s) => s.opened);
  if (!found || !figures) return null;
  const v = shrunk?.violation ?? found.violation;
  const scenario = shrunk?.scenario ?? found.scenario;
  const steps = shrunk ? shrinkSteps(found.scenario, shrunk) : [];
  const where =
    mode === 'prove'
      ? `Counterexample with ${plural(found.inject?.length ?? 0, 'fault')}, after ${how(figures, 'schedule')}.`
      : `Found in run ${count(found.runIndex + 1)} of the search, after ${how(figures, 'run')}.`;
  const shrinking = shrunk
    ? steps.length
      ? `Shrunk in ${plural(shrunk.runs, 'run')}: ${steps.join(', ')}.`
      : `Already minimal (${plural(shrunk.runs, 'shrinking run')} tried).`
    : phase === 'shrinking'
      ? ''
      : 'Not shrunk (cancelled): this is the run as found.';
  return (
    <div className="search-outcome tone-bad" data-testid="search-found" data-rule={v.invariant}>
      <p>
        <strong data-testid="search-rule">Broken: {RULE_TITLES[v.invariant]}.</strong> <span data-testid="search-sentence">{v.sentence}</span>
      </p>
      <p className="muted small">
        {where} {shrinking}{' '}
        {!searchBusy(phase) &&
          (scenario.choices
            ? `The playground now holds this run (${plural(scenario.workload.orders, 'order')}), replayed exactly from its recorded choices: those, not the fault rates shown at the left, decide each fault.`
            : `The playground now holds this run (${plural(scenario.workload.orders, 'order')}).`)}
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
export function SearchOutcome() {
  const mode = useSearch((s) => s.mode);
  const phase = useSearch((s) => s.phase);
  const figures = useSearch((s) => s.figures);
  const proof = useSearch((s) => s.proof);
  const error = useSearch((s) => s.error);
  const leftOut = useSearch((s) => s.leftOut);
  const noFaults = useSearch((s) => s.noFaults);
  const unit = mode === 'prove' ? 'schedule' : 'run';
  const note =
    leftOut > 0 && !searchBusy(phase) ? (
      <p className="muted small" data-testid="search-left-out">
        Your run’s {plural(leftOut, 'hand-made what-if')} {leftOut === 1 ? 'was' : 'were'} left out: {leftOut === 1 ? 'it names' : 'they name'} messages of that one run.
      </p>
    ) : null;
  if (phase === 'error') {
    return (
      <p className="search-outcome tone-bad" role="alert" data-testid="search-error">
        The search stopped with an error: {error}
      </p>
    );
  }
  if (!figures) return note;
  if (phase === 'cancelled') {
    return (
      <>
        <p className="search-outcome" data-testid="search-cancelled">
          Cancelled after {how(figures, unit)}; none of them broke a rule. {mode === 'prove' ? 'Nothing is proved.' : ''}
        </p>
        {note}
      </>
    );
  }
  if (phase === 'none' && mode === 'prove' && proof) {
    return (
      <div className={`search-outcome ${proof.result.complete ? 'tone-ok' : ''}`} data-testid="prove-none" data-complete={proof.result.complete} data-schedules={proof.result.schedules}>
        <p>
          <strong>
            {proof.result.complete ? `No violation in all ${count(proof.result.schedules)} schedules.` : `No violation in ${count(proof.result.schedules)} schedules, but the exploration stopped early: not a proof.`}
          </strong>{' '}
          Explored {how(figures, 'schedule')}.
        </p>
        <p className="small" data-testid="prove-bound">
          {proof.bound}
        </p>
        <Excused f={figures} />
        {note}
      </div>
    );
  }
  if (phase === 'none') {
    return (
      <div className="search-outcome tone-ok" data-testid="search-none" data-runs={figures.runs} data-rate={figures.rate} data-workers={figures.workers} data-elapsed={figures.elapsedMs}>
        <p>
          <strong>No failing run in {plural(figures.runs, 'run')}.</strong> Tried {how(figures, 'run')}.
        </p>
        <p className="muted small">
          This is not a proof: each of these runs kept every rule, but runs the search did not try may still break one. For a proof
          within a small bound, use “Prove it”.
        </p>
        {noFaults && (
          <p className="muted small" data-testid="search-no-faults">
            No fault is switched on, so only the timing differed from run to run. Switch a fault on at the left to let the search try it.
          </p>
        )}
        <Excused f={figures} />
        {note}
      </div>
    );
  }
  return (
    <>
      <Found />
      {mode === 'prove' && proof && phase !== 'searching' && (
        <p className="muted small" data-testid="prove-bound">
          {proof.bound}
        </p>
      )}
      {note}
    </>
  );
}
