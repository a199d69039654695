/**
 * The live goal: the lesson's goal sentence and a checklist evaluated against the
 * playground's current report. Before the run starts there are no ticks (`pending`: a condition
 * such as "no double charge" holds trivially when nothing happened); before it ends they are provisional. In a
 * signals-only lesson, rows about the ground truth are shown without their value or tick
 * until the lesson is done (`masked`).
 */
import type { GoalResult } from '../../lessons/goal';

function Row({ r, masked, pending }: { r: GoalResult; masked?: (fact: string) => boolean; pending?: boolean }) {
  if (r.children) {
    return (
      <li className={`goal-group ${r.ok ? 'ok' : 'no'}`}>
        <span className="goal-group-title">{r.group === 'any' ? 'One of:' : 'All of:'}</span>
        <ul>
          {r.children.map((c, i) => (
            // Goal rows have no identity beyond their position in the lesson file.
            // biome-ignore lint/suspicious/noArrayIndexKey: static list from the lesson definition.
            <Row key={i} r={c} masked={masked} pending={pending} />
          ))}
        </ul>
      </li>
    );
  }
  if (pending) {
    return (
      <li className="goal-row pending" data-pending="true">
        <span className="goal-mark" aria-hidden="true">
          ○
        </span>
        <span className="goal-label">{r.label}</span>
        <span className="goal-actual">not run yet</span>
      </li>
    );
  }
  if (r.fact && masked?.(r.fact)) {
    return (
      <li className="goal-row masked" data-masked="true" title="Checked against the simulation's ground truth, which this lesson hides until you are done.">
        <span className="goal-mark" aria-hidden="true">
          ?
        </span>
        <span className="goal-label">{r.label}</span>
        <span className="goal-actual">hidden</span>
      </li>
    );
  }
  return (
    <li className={`goal-row ${r.ok ? 'ok' : 'no'}`} data-ok={r.ok}>
      <span className="goal-mark" aria-hidden="true">
        {r.ok ? '✓' : '✗'}
      </span>
      <span className="goal-label">{r.label}</span>
      <span className="goal-actual">now {r.actual}</span>
    </li>
  );
}

/** The checklist for one goal result (the top `all` group is flattened). */
export function GoalChecklist({ result, masked, pending }: { result: GoalResult; masked?: (fact: string) => boolean; pending?: boolean }) {
  const rows = result.group === 'all' && result.children ? result.children : [result];
  return (
    <ul className="goal-list" aria-label="Goal conditions">
      {rows.map((r, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static list from the lesson definition.
        <Row key={i} r={r} masked={masked} pending={pending} />
      ))}
    </ul>
  );
}
