/** A row of buttons that open one entity's chart; the open one is pressed, pressing it again closes it. */
import type { EntityRef } from './entityRefs';

/** See the module comment. `total` above the number of buttons says how many more there are. */
export function EntityPicker({ title, refs, total, selected, onPick }: { title: string; refs: EntityRef[]; total: number; selected: EntityRef | null; onPick: (r: EntityRef) => void }) {
  if (refs.length === 0) return null;
  return (
    <fieldset className="sc-picker" data-testid="sc-picker">
      <legend className="sc-picker-title">{title}</legend>
      {refs.map((r) => {
        const on = selected?.kind === r.kind && selected.key === r.key;
        return (
          <button key={`${r.kind}-${r.key}`} type="button" className={on ? 'btn btn-small sc-pick sc-pick-on' : 'btn btn-small sc-pick'} aria-pressed={on} data-testid={`sc-pick-${r.kind}-${r.key}`} onClick={() => onPick(r)}>
            {r.label}
          </button>
        );
      })}
      {total > refs.length && <span className="sc-picker-more">latest {refs.length} of {total}</span>}
    </fieldset>
  );
}
