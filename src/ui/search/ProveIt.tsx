/**
 * "Prove it" for small designs: 1–3 orders of the playground's design, every schedule of up to K
 * fault decisions explored across the workers; the answer says plainly what the bound covers.
 */
import { faultsToExplore } from '../../search';
import { FAULTS } from '../../sim/catalog';
import { useEngine } from '../useEngine';
import { SearchOutcome } from './SearchOutcome';
import { SearchProgress } from './SearchProgress';
import { searchBase } from './searchScenario';
import { proveIt, searchBusy, setProveBound, useSearch } from './searchStore';

/** See the module comment. */
export function ProveIt() {
  const phase = useSearch((s) => s.phase);
  const mode = useSearch((s) => s.mode);
  const orders = useSearch((s) => s.proveOrders);
  const maxFaults = useSearch((s) => s.maxFaults);
  const total = useSearch((s) => s.progress?.total ?? null);
  const faults = useEngine((e) => faultsToExplore(searchBase(e.scenario)).map((k) => FAULTS[k].label.toLowerCase()).join(', '), Object.is);
  const busy = searchBusy(phase);
  return (
    <section className="search-section" aria-labelledby="prove-title" data-testid="prove-section">
      <h3 id="prove-title" className="panel-title">
        Prove it (small designs)
      </h3>
      <p className="small">
        Tries every way up to K fault decisions can go wrong for a few orders of this design — not a sample, all of them — with the
        timing of the playground’s seed. Either no schedule breaks a rule, or you get the first counterexample, shrunk and opened.
      </p>
      <p className="muted small" data-testid="prove-faults">
        Faults explored: {faults}.
      </p>
      <div className="search-row">
        <label className="search-budget">
          <span>Orders</span>
          <select value={orders} disabled={busy} onChange={(e) => setProveBound({ orders: Number(e.target.value) })} data-testid="prove-orders">
            {[1, 2, 3].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label className="search-budget">
          <span>Faults (K)</span>
          <select value={maxFaults} disabled={busy} onChange={(e) => setProveBound({ maxFaults: Number(e.target.value) })} data-testid="prove-max-faults">
            {[1, 2, 3].map((n) => (
              <option key={n} value={n}>
                up to {n}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn" disabled={busy} onClick={() => void proveIt()} data-testid="prove-it">
          Prove it
        </button>
      </div>
      {mode === 'prove' && (
        <>
          <SearchProgress total={total} unit="schedules" />
          <SearchOutcome />
        </>
      )}
    </section>
  );
}
