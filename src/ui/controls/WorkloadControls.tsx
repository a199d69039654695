/**
 * The starting setup: how many orders, how often, how much stock, and the random seed.
 * These define a new run, so changing one restarts from the beginning.
 */
import { memo, useState } from 'react';
import { engine } from '../engineController';
import { useUi } from '../store';
import { useEngine } from '../useEngine';

interface FieldProps {
  id: string;
  label: string;
  help: string;
  value: number;
  min: number;
  max: number;
  step?: number;
  locked: boolean;
  onCommit: (v: number) => void;
}

/** A number input that commits on Enter, blur, or a pause after spinner clicks. */
function NumberField({ id, label, help, value, min, max, step = 1, locked, onCommit }: FieldProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    const n = Number(draft);
    setDraft(null);
    if (Number.isFinite(n) && n >= min && n <= max && n !== value) onCommit(n);
  };
  const invalid = draft !== null && !(Number(draft) >= min && Number(draft) <= max);
  return (
    <div className="field" title={help}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={step}
        value={draft ?? String(value)}
        disabled={locked}
        aria-invalid={invalid || undefined}
        aria-describedby={`${id}-help`}
        data-testid={id}
        onChange={(e) => setDraft(e.currentTarget.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setDraft(null);
        }}
      />
      <p className="control-help" id={`${id}-help`}>
        {help}
      </p>
    </div>
  );
}

/** See the module comment. */
export const WorkloadControls = memo(function WorkloadControls() {
  const s = useEngine((e) => ({
    orders: e.scenario.workload.orders,
    intervalMs: e.scenario.workload.intervalMs,
    stock: e.scenario.inventory.stock,
    seed: e.scenario.seed,
  }));
  const locked = useUi((u) => u.locked);
  return (
    <div className="workload">
      <div className="field-grid">
        <NumberField
          id="workload-orders"
          label="Orders"
          help="How many orders the customer places."
          value={s.orders}
          min={1}
          max={20000}
          locked={locked.includes('workload.orders')}
          onCommit={(v) => void engine.setSetup({ orders: Math.round(v) })}
        />
        <NumberField
          id="workload-interval"
          label="Every (ms)"
          help="Time between two orders, in virtual milliseconds."
          value={s.intervalMs}
          min={0}
          max={60000}
          locked={locked.includes('workload.intervalMs')}
          onCommit={(v) => void engine.setSetup({ intervalMs: v })}
        />
        <NumberField
          id="workload-stock"
          label="Stock"
          help="Units in the warehouse at the start."
          value={s.stock}
          min={0}
          max={10000000}
          locked={locked.includes('inventory.stock')}
          onCommit={(v) => void engine.setSetup({ stock: Math.round(v) })}
        />
        <NumberField
          id="workload-seed"
          label="Seed"
          help="The random seed: the same seed and settings replay the same run, event for event."
          value={s.seed}
          min={0}
          max={4294967295}
          locked={locked.includes('seed')}
          onCommit={(v) => void engine.setSetup({ seed: Math.round(v) })}
        />
      </div>
      <button
        type="button"
        className="btn btn-small"
        data-testid="new-seed"
        disabled={locked.includes('seed')}
        title="Pick another random seed: same settings, different luck."
        onClick={() => void engine.setSetup({ seed: Math.floor(Math.random() * 1_000_000) + 1 })}
      >
        New seed
      </button>
    </div>
  );
});
