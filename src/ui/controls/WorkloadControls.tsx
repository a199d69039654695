/**
 * The starting setup: how many orders, how often, how many get cancelled, how much stock, the
 * random seed and when the run stops. These define a new run, so changing one restarts it.
 */
import { memo, useCallback, useState } from 'react';
import type { Scenario } from '../../sim/types';
import { engine, type SetupPatch } from '../engineController';
import { useUi } from '../store';
import { useEngine } from '../useEngine';
import { NumberField } from './NumberField';
import { type NumberRule, showNumber } from './numberInput';

/** Each field's name, range (the same as the scenario validator's) and how it maps to the setup. */
export const SETUP_FIELDS: { id: string; lock: string; rule: NumberRule; help: string; step?: number; read: (s: Scenario) => number; patch: (v: number) => SetupPatch }[] = [
  {
    id: 'workload-orders',
    lock: 'workload.orders',
    rule: { label: 'Orders', min: 1, max: 20_000, integer: true },
    help: 'How many orders the customer places.',
    read: (s) => s.workload.orders,
    patch: (v) => ({ orders: v }),
  },
  {
    id: 'workload-interval',
    lock: 'workload.intervalMs',
    rule: { label: 'Every (ms)', min: 0, max: 60_000, integer: false, unit: ' ms' },
    help: 'Time between two orders, in virtual milliseconds.',
    step: 10,
    read: (s) => s.workload.intervalMs,
    patch: (v) => ({ intervalMs: v }),
  },
  {
    id: 'workload-cancel-ratio',
    lock: 'workload.cancelRatio',
    rule: { label: 'Cancelled (%)', min: 0, max: 100, integer: false, unit: '%' },
    help: 'The share of orders the customer cancels soon after placing them.',
    step: 5,
    // Shown as a percentage; the scenario holds a ratio.
    read: (s) => Math.round(s.workload.cancelRatio * 10_000) / 100,
    patch: (v) => ({ cancelRatio: v / 100 }),
  },
  {
    id: 'workload-cancel-after',
    lock: 'workload.cancelAfterMs',
    rule: { label: 'Cancel after (ms)', min: 0, max: 600_000, integer: false, unit: ' ms' },
    help: 'How long after placing an order the customer sends its cancellation.',
    step: 10,
    read: (s) => s.workload.cancelAfterMs,
    patch: (v) => ({ cancelAfterMs: v }),
  },
  {
    id: 'workload-stock',
    lock: 'inventory.stock',
    rule: { label: 'Stock', min: 0, max: 10_000_000, integer: true },
    help: 'Units in the warehouse at the start.',
    read: (s) => s.inventory.stock,
    patch: (v) => ({ stock: v }),
  },
  {
    id: 'workload-seed',
    lock: 'seed',
    rule: { label: 'Seed', min: 0, max: 4_294_967_295, integer: true },
    help: 'The random seed: the same seed and settings replay the same run, event for event.',
    read: (s) => s.seed,
    patch: (v) => ({ seed: v }),
  },
  {
    id: 'workload-duration',
    lock: 'durationMs',
    rule: { label: 'Stop at (ms)', min: 1, max: 86_400_000, integer: false, unit: ' ms' },
    help: 'The run stops at this virtual time, whatever is still happening.',
    step: 1000,
    read: (s) => s.durationMs,
    patch: (v) => ({ durationMs: v }),
  },
];

/** Extra virtual time after the last order so its messages, retries and reconciliation can finish. */
const SETTLE_MS = 20_000;

/** When the run stops before the customer has placed every order: how many fit, and a length that fits all. */
export function workloadCutOff(s: Scenario): { placed: number; fitsAt: number } | null {
  const w = s.workload;
  // Order i is placed at i × interval plus under 20 ms of jitter (see the Customer service).
  const lastAt = (w.orders - 1) * w.intervalMs;
  if (lastAt + 20 <= s.durationMs) return null;
  const placed = w.intervalMs > 0 ? Math.min(w.orders, Math.floor(s.durationMs / w.intervalMs) + 1) : w.orders;
  const fitsAt = Math.min(86_400_000, Math.ceil((lastAt + SETTLE_MS) / 1000) * 1000);
  return { placed, fitsAt };
}

/** See the module comment. */
export const WorkloadControls = memo(function WorkloadControls() {
  const scenario = useEngine((e) => e.scenario, Object.is);
  const locked = useUi((u) => u.locked);
  const [messages, setMessages] = useState<Record<string, string>>({});
  const onMessage = useCallback((id: string, message: string | null) => {
    setMessages((m) => {
      if ((m[id] ?? null) === message) return m;
      const { [id]: _, ...rest } = m;
      return message === null ? rest : { ...rest, [id]: message };
    });
  }, []);
  const cut = workloadCutOff(scenario);
  const shown = SETUP_FIELDS.filter((f) => messages[f.id]);
  return (
    <div className="workload">
      <div className="field-grid">
        {SETUP_FIELDS.map((f) => (
          <NumberField
            key={f.id}
            id={f.id}
            help={f.help}
            rule={f.rule}
            step={f.step}
            value={f.read(scenario)}
            locked={locked.includes(f.lock)}
            message={messages[f.id] ?? null}
            onMessage={onMessage}
            onCommit={(v) => void engine.setSetup(f.patch(v))}
          />
        ))}
        <button
          type="button"
          className="btn btn-small new-seed"
          data-testid="new-seed"
          disabled={locked.includes('seed')}
          title="Pick another random seed: same settings, different luck."
          onClick={() => void engine.setSetup({ seed: Math.floor(Math.random() * 1_000_000) + 1 })}
        >
          New seed
        </button>
      </div>
      {/* Room for a message is kept even when there is none, so a message appearing never moves the controls under the pointer. */}
      <div className="workload-messages" data-testid="workload-messages">
        {shown.map((f) => (
          <p key={f.id} id={`${f.id}-msg`} className="field-message" role="alert" data-testid={`${f.id}-msg`}>
            {messages[f.id]}
          </p>
        ))}
        {cut && (
          <p className="field-warning" role="status" data-testid="workload-cut-off">
            Only about {showNumber(cut.placed)} of {showNumber(scenario.workload.orders)} orders are placed before the run stops at{' '}
            {showNumber(scenario.durationMs)} ms.{' '}
            <button type="button" className="link-btn" data-testid="workload-fit" onClick={() => void engine.setSetup({ durationMs: cut.fitsAt })}>
              Stop at {showNumber(cut.fitsAt)} ms instead
            </button>
          </p>
        )}
        {shown.length === 0 && !cut && <p className="field-hint">Changing any of these starts the run again.</p>}
      </div>
    </div>
  );
});
