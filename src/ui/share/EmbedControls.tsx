/**
 * The controls an embed offers: only the paths its link allows, drawn with the playground's
 * own control row so they look and behave the same (drafts commit when the reader pauses).
 */
import { memo } from 'react';
import { FAULTS, type NumberControl, ORDERING_LABELS, REMEDIES } from '../../sim/catalog';
import type { Faults, Ordering, Remedies } from '../../sim/types';
import { ControlRow } from '../controls/ControlRow';
import { useDraft } from '../controls/useDraft';
import { engine } from '../engineController';
import { useEngine } from '../useEngine';

function show(c: NumberControl, v: number): string {
  return c.kind === 'probability' ? `${Math.round(v * 100)}%` : `${v} ms`;
}

const EmbedSlider = memo(function EmbedSlider({ name }: { name: keyof Faults }) {
  const c = FAULTS[name];
  const path = `faults.${name}`;
  const id = `embed-faults-${name}`;
  const current = useEngine((e) => e.controlValue(path) as number, Object.is);
  const [value, setValue] = useDraft(current, (v) => void engine.setControl(path, v));
  return (
    <ControlRow id={id} label={c.label} help={c.help} value={show(c, value)} locked={false} active={c.kind === 'probability' ? value > 0 : false}>
      <input
        id={id}
        type="range"
        min={c.min}
        max={c.max}
        step={c.step}
        value={value}
        aria-describedby={`${id}-help`}
        aria-valuetext={show(c, value)}
        data-testid={`control-${path}`}
        onChange={(e) => setValue(Number(e.currentTarget.value))}
      />
    </ControlRow>
  );
});

const EmbedRemedy = memo(function EmbedRemedy({ name }: { name: keyof Remedies }) {
  const r = REMEDIES[name];
  const path = `remedies.${name}`;
  const id = `embed-remedies-${name}`;
  const value = useEngine((e) => e.controlValue(path), Object.is);
  if (name === 'ordering') {
    return (
      <ControlRow id={id} label={r.label} help={r.help} locked={false} active={value !== 'none'}>
        <select id={id} value={String(value)} aria-describedby={`${id}-help`} data-testid={`control-${path}`} onChange={(e) => void engine.setControl(path, e.currentTarget.value as Ordering)}>
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
    <ControlRow id={id} label={r.label} help={r.help} locked={false} active={value === true} inline>
      <input
        id={id}
        type="checkbox"
        className="switch"
        checked={value === true}
        aria-describedby={`${id}-help`}
        data-testid={`control-${path}`}
        onChange={(e) => void engine.setControl(path, e.currentTarget.checked)}
      />
    </ControlRow>
  );
});

/** See the module comment. `paths` were checked against the catalogue by the link reader. */
export const EmbedControls = memo(function EmbedControls({ paths }: { paths: readonly string[] }) {
  return (
    <div className="control-list">
      {paths.map((p) => {
        const [sec, key] = p.split('.');
        if (sec === 'faults' && key in FAULTS) return <EmbedSlider key={p} name={key as keyof Faults} />;
        if (sec === 'remedies' && key in REMEDIES) return <EmbedRemedy key={p} name={key as keyof Remedies} />;
        return null;
      })}
    </div>
  );
});
