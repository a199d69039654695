/**
 * Control edits waiting for the learner to pause (see `useDraft`). Transport actions flush
 * them first, so "drag a slider, press Run to end" runs with the new value.
 */
const pending = new Map<object, () => void>();

/** Registers (or replaces) the pending commit of one control. */
export function setPendingEdit(key: object, commit: () => void): void {
  pending.set(key, commit);
}

/** Forgets a control's pending commit. */
export function clearPendingEdit(key: object): void {
  pending.delete(key);
}

/** Applies every pending edit now. */
export function flushPendingEdits(): void {
  const fns = [...pending.values()];
  pending.clear();
  for (const fn of fns) fn();
}
