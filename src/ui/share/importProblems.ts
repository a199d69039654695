/**
 * Every problem in an imported scenario file, not only the first. The validator stops at the
 * first bad field (it is shared with links and the runner, and owned by the engine); here we ask
 * it again after setting each reported field aside, so a file with three mistakes gets three
 * lines instead of three round trips.
 */
import { parseScenario, ScenarioError } from '../../sim/scenario';

/** One problem: the field and what is wrong with it, in the validator's words. */
export interface ImportProblem {
  field: string;
  problem: string;
}

/** A control change the validator accepts, at `atMs`; stands in for a bad one so later indices stay right. */
function placeholderChange(atMs: number) {
  return { atMs, path: 'faults.drop', value: 0 };
}

/** Most problems listed; past that, the file is probably not a scenario at all. */
const MAX_PROBLEMS = 20;

/** Removes `field` ("workload.orders", "changes[2].atMs", "seed") from `data`; false if it cannot. */
function setAside(data: Record<string, unknown>, field: string): boolean {
  const change = /^changes\[(\d+)\]/.exec(field);
  if (change) {
    const list = data.changes;
    if (!Array.isArray(list)) return false;
    const i = Number(change[1]);
    // At the time of the change before it, so "listed in time order" holds for the stand-in.
    const before = i > 0 ? (list[i - 1] as { atMs?: unknown } | null)?.atMs : 0;
    list[i] = placeholderChange(typeof before === 'number' && before >= 0 ? before : 0);
    return true;
  }
  const parts = field.split('.');
  let at: unknown = data;
  for (const p of parts.slice(0, -1)) {
    if (typeof at !== 'object' || at === null) return false;
    at = (at as Record<string, unknown>)[p];
  }
  const last = parts[parts.length - 1];
  if (typeof at !== 'object' || at === null || !(last in at)) return false;
  delete (at as Record<string, unknown>)[last];
  return true;
}

/** Every problem the validator finds in `text` (empty when the file is a valid scenario). */
export function allImportProblems(text: string): ImportProblem[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return [{ field: 'file', problem: `is not valid JSON (${(e as Error).message})` }];
  }
  const problems: ImportProblem[] = [];
  for (let i = 0; i < MAX_PROBLEMS; i++) {
    try {
      parseScenario(data);
      return problems;
    } catch (e) {
      if (!(e instanceof ScenarioError)) return [...problems, { field: 'file', problem: 'could not be read' }];
      // The same field again means setting it aside did not help: stop rather than repeat it.
      if (problems.some((p) => p.field === e.field && p.problem === e.problem)) return problems;
      problems.push({ field: e.field, problem: e.problem });
      // A problem with the file as a whole, or one we cannot set aside, ends the search.
      if (typeof data !== 'object' || data === null || Array.isArray(data) || !setAside(data as Record<string, unknown>, e.field)) return problems;
    }
  }
  return problems;
}
