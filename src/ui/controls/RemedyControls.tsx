/** Checkboxes (and one select) for every remedy in the catalog. */
import { memo } from 'react';
import { ORDERING_LABELS, REMEDIES } from '../../sim/catalog';
import type { Ordering, Remedies } from '../../sim/types';
import { engine } from '../engineController';
import { useUi } from '../store';
import { useEngine } from '../useEngine';
import { ControlRow } from './ControlRow';

/** One remedy's switch (or the ordering select); `idPrefix` as for `FaultSlider`. */
export const RemedyToggle = memo(function RemedyToggle({ name, idPrefix = 'ctl' }: { name: keyof Remedies; idPrefix?: string }) {
  const r = REMEDIES[name];
  const path = `remedies.${name}`;
  const id = `${idPrefix}-remedies-${name}`;
  const value = useEngine((e) => e.controlValue(path), Object.is);
  const locked = useUi((u) => u.locked.includes(path));
  if (name === 'ordering') {
    return (
      <ControlRow id={id} label={r.label} help={r.help} locked={locked} active={value !== 'none'}>
        <select
          id={id}
          value={String(value)}
          disabled={locked}
          aria-describedby={`${id}-help`}
          data-testid={`control-${path}`}
          onChange={(e) => void engine.setControl(path, e.currentTarget.value as Ordering)}
        >
          {(Object.keys(ORDERING_LABELS) as Ordering[]).map((o) => (
            <option key={o} value={o}>
              {ORDERING_LABELS[o]}
            </option>
          ))}
        </select>
      </ControlRow>
    );
  }
  return (
    <ControlRow id={id} label={r.label} help={r.help} locked={locked} active={value === true} inline>
      <input
        id={id}
        type="checkbox"
        className="switch"
        checked={value === true}
        disabled={locked}
        aria-describedby={`${id}-help`}
        data-testid={`control-${path}`}
        onChange={(e) => void engine.setControl(path, e.currentTarget.checked)}
      />
    </ControlRow>
  );
});

/** See the module comment. */
export const RemedyControls = memo(function RemedyControls() {
  return (
    <div className="control-list">
      {(Object.keys(REMEDIES) as (keyof Remedies)[]).map((k) => (
        <RemedyToggle key={k} name={k} />
      ))}
    </div>
  );
});
