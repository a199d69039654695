/**
 * Lesson progress (completed lesson ids) as saved in localStorage. The saved form is
 * versioned; anything we cannot read is reset with a notice rather than crashing the page.
 */

/** localStorage key for progress. */
export const PROGRESS_KEY = 'eventually.lessons.progress';

/** The saved form, version 1. */
export interface Progress {
  version: 1;
  completed: string[];
}

/** What reading saved progress produced, and a learner-facing notice if it had to be reset. */
export interface LoadedProgress {
  progress: Progress;
  notice: string | null;
}

/** Empty progress. */
export const EMPTY_PROGRESS: Progress = { version: 1, completed: [] };

const RESET = 'Your saved lesson progress could not be read, so it was reset.';

/** Parses saved progress text (null = nothing saved). Never throws. */
export function parseProgress(raw: string | null): LoadedProgress {
  if (raw === null || raw === '') return { progress: EMPTY_PROGRESS, notice: null };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { progress: EMPTY_PROGRESS, notice: `${RESET} (It was not valid JSON.)` };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { progress: EMPTY_PROGRESS, notice: `${RESET} (It was not an object.)` };
  }
  const { version, completed } = data as { version?: unknown; completed?: unknown };
  if (version !== 1) {
    return { progress: EMPTY_PROGRESS, notice: `${RESET} (It was saved in format ${JSON.stringify(version)}, this page reads format 1.)` };
  }
  if (!Array.isArray(completed) || !completed.every((c) => typeof c === 'string' && c.length > 0 && c.length < 200)) {
    return { progress: EMPTY_PROGRESS, notice: `${RESET} (The list of completed lessons was damaged.)` };
  }
  return { progress: { version: 1, completed: [...new Set(completed as string[])] }, notice: null };
}

/** Serialises progress for saving. */
export function serialiseProgress(p: Progress): string {
  return JSON.stringify({ version: 1, completed: p.completed });
}

/** Adds a completed lesson id (no-op if already there). */
export function markCompleted(p: Progress, id: string): Progress {
  return p.completed.includes(id) ? p : { version: 1, completed: [...p.completed, id] };
}

/** The minimal storage surface we use, so tests can pass a fake. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** Loads progress from storage; a storage that throws (privacy mode) counts as empty. */
export function loadProgress(store: KeyValueStore | null): LoadedProgress {
  let raw: string | null = null;
  try {
    raw = store?.getItem(PROGRESS_KEY) ?? null;
  } catch {
    return { progress: EMPTY_PROGRESS, notice: 'Lesson progress cannot be saved in this browser (storage is blocked).' };
  }
  const loaded = parseProgress(raw);
  // Overwrite a damaged value right away so the notice shows once, not on every reload.
  if (loaded.notice) saveProgress(store, loaded.progress);
  return loaded;
}

/** Saves progress; returns false when the storage refused. */
export function saveProgress(store: KeyValueStore | null, p: Progress): boolean {
  try {
    store?.setItem(PROGRESS_KEY, serialiseProgress(p));
    return store !== null;
  } catch {
    return false;
  }
}
