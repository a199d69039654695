/**
 * Side B's faults and remedies, compact: a switch per remedy, the ordering choice, and a number
 * field per fault (checked by the scenario's own rules; a bad value is named and not applied).
 */
import { memo, useId, useState } from 'react';
import { FAULTS, ORDERING_LABELS, REMEDIES } from '../../sim/catalog';
import { ScenarioError } from '../../sim/scenario';
import type { Faults, Ordering, Remedies } from '../../sim/types';
import { setSideB, useCompare } from './compareStore';

function FaultField({ k, value }: { k: keyof Faults; value: number }) {
  const id = useId();
  const [text, setText] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const c = FAULTS[k];
  const commit = () => {
    if (text === null) return;
    const n = text.trim() === '' ? Number.NaN : Number(text);
    try {
      setSideB(`faults.${k}`, n);
      setProblem(null);
      setText(null);
    } catch (e) {
      setProblem(e instanceof ScenarioError ? `${c.label} ${e.problem}.` : `${c.label}: not a valid value.`);
    }
  };
  return (
    <li className="cmp-fault">
      <label htmlFor={id}>{c.label}</label>
      <input
        id={id}
        className="cmp-num mono"
        type="text"
        inputMode="decimal"
        value={text ?? String(value)}
        aria-invalid={problem !== null || undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
        data-testid={`cmp-b-faults.${k}`}
        onChange={(e) => setText(e.currentTarget.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
      <span className="muted small">{c.kind === 'probability' ? '0–1' : 'ms'}</span>
      {problem && (
        <p id={`${id}-problem`} className="cmp-problem small" role="alert">
          {problem}
        </p>
      )}
    </li>
  );
}

/** See the module comment. */
export const SideBControls = memo(function SideBControls() {
  const b = useCompare((s) => s.b);
  if (!b) return null;
  const remedyKeys = (Object.keys(REMEDIES) as (keyof Remedies)[]).filter((k) => k !== 'ordering');
  return (
    <details className="cmp-controls" open data-testid="cmp-b-controls">
      <summary>B's faults and remedies</summary>
      <fieldset className="cmp-fieldset">
        <legend>Remedies</legend>
        <ul className="cmp-remedies">
          {remedyKeys.map((k) => (
            <li key={k}>
              <label>
                <input type="checkbox" checked={b.remedies[k] as boolean} data-testid={`cmp-b-remedies.${k}`} onChange={(e) => setSideB(`remedies.${k}`, e.currentTarget.checked)} />{' '}
                {REMEDIES[k].label}
              </label>
            </li>
          ))}
          <li>
            <label>
              {REMEDIES.ordering.label}{' '}
              <select value={b.remedies.ordering} data-testid="cmp-b-remedies.ordering" onChange={(e) => setSideB('remedies.ordering', e.currentTarget.value as Ordering)}>
                {(Object.keys(ORDERING_LABELS) as Ordering[]).map((o) => (
                  <option key={o} value={o}>
                    {ORDERING_LABELS[o]}
                  </option>
                ))}
              </select>
            </label>
          </li>
        </ul>
      </fieldset>
      <fieldset className="cmp-fieldset">
        <legend>Faults</legend>
        <ul className="cmp-faults">
          {(Object.keys(FAULTS) as (keyof Faults)[]).map((k) => (
            <FaultField key={`${k}:${b.faults[k]}`} k={k} value={b.faults[k]} />
          ))}
        </ul>
      </fieldset>
    </details>
  );
});
