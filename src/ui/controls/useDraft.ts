/**
 * A control's local draft value: the input follows the pointer at once, and the change
 * reaches the engine once the learner pauses, so a drag records one change, not fifty.
 */
import { useEffect, useRef, useState } from 'react';
import { clearPendingEdit, setPendingEdit } from '../pendingEdits';

/** Returns [shown value, set draft]; `commit` runs `delayMs` after the last edit. */
export function useDraft<T>(value: T, commit: (v: T) => void, delayMs = 250): [T, (v: T) => void] {
  const [draft, setDraft] = useState<{ v: T } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const commitRef = useRef(commit);
  commitRef.current = commit;

  const key = useRef({}).current;

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      clearPendingEdit(key);
    },
    [key],
  );

  const set = (v: T) => {
    setDraft({ v });
    if (timer.current) clearTimeout(timer.current);
    const fire = () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      clearPendingEdit(key);
      commitRef.current(v);
      setDraft(null);
    };
    setPendingEdit(key, fire);
    timer.current = setTimeout(fire, delayMs);
  };
  return [draft ? draft.v : value, set];
}
