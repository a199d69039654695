/** Sliders for every fault in the catalog, showing the value in force at the playhead. */
import { memo } from 'react';
import { FAULTS, type NumberControl } from '../../sim/catalog';
import type { Faults } from '../../sim/types';
import { engine } from '../engineController';
import { useUi } from '../store';
import { useEngine } from '../useEngine';
import { ControlRow } from './ControlRow';
import { useDraft } from './useDraft';

function show(c: NumberControl, v: number): string {
  return c.kind === 'probability' ? `${Math.round(v * 100)}%` : `${v} ms`;
}

/** One fault's slider; `idPrefix` keeps ids unique where a second copy is drawn (the embed). */
export const FaultSlider = memo(function FaultSlider({ name, idPrefix = 'ctl' }: { name: keyof Faults; idPrefix?: string }) {
  const c = FAULTS[name];
  const path = `faults.${name}`;
  const id = `${idPrefix}-faults-${name}`;
  const current = useEngine((e) => e.controlValue(path) as number, Object.is);
  const locked = useUi((u) => u.locked.includes(path));
  const [value, setValue] = useDraft(current, (v) => void engine.setControl(path, v));
  return (
    <ControlRow id={id} label={c.label} help={c.help} value={show(c, value)} locked={locked} active={c.kind === 'probability' ? value > 0 : false}>
      <input
        id={id}
        type="range"
        min={c.min}
        max={c.max}
        step={c.step}
        value={value}
        disabled={locked}
        aria-describedby={`${id}-help`}
        aria-valuetext={show(c, value)}
        data-testid={`control-${path}`}
        onChange={(e) => setValue(Number(e.currentTarget.value))}
      />
    </ControlRow>
  );
});

/** See the module comment. */
export const FaultControls = memo(function FaultControls() {
  return (
    <div className="control-list">
      {(Object.keys(FAULTS) as (keyof Faults)[]).map((k) => (
        <FaultSlider key={k} name={k} />
      ))}
    </div>
  );
});
