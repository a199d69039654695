/**
 * Reads one "break this design" file (a YAML file in `lessons/designs/`), with messages naming
 * the file and the field. The solution is checked for shape here; that it really breaks the
 * design is checked by running it (test/lessons/designs.test.ts), like a lesson's solution.
 */
import { INVARIANTS } from '../sim/checker/types';
import { parseScenario, ScenarioError } from '../sim/scenario';
import type { Faults, Remedies } from '../sim/types';
import { parseYaml } from './frontMatter';
import { LessonError } from './lessonError';
import { parseLessonScenario } from './parseLesson';
import type { DesignChallenge } from './types';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const FIELDS = ['id', 'title', 'story', 'scenario', 'solution', 'fix', 'explanation'];
const SOLUTION_FIELDS = ['seed', 'faults', 'breaks'];

function str(raw: Obj, key: string, source: string, max: number): string {
  const v = raw[key];
  if (typeof v !== 'string' || v.trim() === '') throw new LessonError(source, key, 'must be a non-empty text');
  if (v.length > max) throw new LessonError(source, key, `must be at most ${max} characters`);
  return v.trim();
}

/** Runs `fn` and turns a ScenarioError into a LessonError under `field`. */
function scenarioPart<T>(where: string, field: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ScenarioError) throw new LessonError(where, `${field}.${e.field.replace(/^(faults|remedies)\./, '')}`, e.problem);
    throw e;
  }
}

function onlyGiven<T extends object>(full: T, given: Obj): Partial<T> {
  const out: Partial<T> = {};
  for (const k of Object.keys(given)) (out as Obj)[k] = (full as Obj)[k];
  return out;
}

/** Parses a design file's text; `source` names it in errors. */
export function parseDesign(fileText: string, source: string): DesignChallenge {
  const data = parseYaml(fileText, source, 'file');
  if (!isObj(data)) throw new LessonError(source, 'file', 'must be a YAML mapping');
  for (const k of Object.keys(data)) {
    if (!FIELDS.includes(k)) throw new LessonError(source, k, `is not a design field; allowed: ${FIELDS.join(', ')}`);
  }
  const id = str(data, 'id', source, 80);
  const where = `design "${id}" (${source})`;
  const scenario = parseLessonScenario(data.scenario, where);
  if (!isObj(data.scenario) || !isObj(data.scenario.remedies)) throw new LessonError(where, 'scenario.remedies', 'must name the design: the remedies it has');
  const sol = data.solution;
  if (!isObj(sol)) throw new LessonError(where, 'solution', 'must be { seed, faults, breaks }: a run that breaks the design');
  for (const k of Object.keys(sol)) {
    if (!SOLUTION_FIELDS.includes(k)) throw new LessonError(where, `solution.${k}`, `is not allowed; use ${SOLUTION_FIELDS.join(', ')}`);
  }
  if (!Number.isInteger(sol.seed) || (sol.seed as number) < 0) throw new LessonError(where, 'solution.seed', 'must be a whole number, 0 or more');
  if (!isObj(sol.faults) || Object.keys(sol.faults).length === 0) throw new LessonError(where, 'solution.faults', 'must switch at least one fault on, e.g. { drop: 0.2 }');
  const faultsIn = sol.faults;
  const faults = scenarioPart(where, 'solution.faults', () => onlyGiven<Faults>(parseScenario({ faults: faultsIn }).faults, faultsIn));
  if (typeof sol.breaks !== 'string' || !(INVARIANTS as readonly string[]).includes(sol.breaks)) {
    throw new LessonError(where, 'solution.breaks', `must name the business rule the solution breaks, one of: ${INVARIANTS.join(', ')}`);
  }
  if (!isObj(data.fix) || Object.keys(data.fix).length === 0) throw new LessonError(where, 'fix', 'must name the remedies that would stop the break, e.g. { idempotencyKey: true }');
  const fixIn = data.fix;
  const fix = scenarioPart(where, 'fix', () => onlyGiven<Remedies>(parseScenario({ remedies: fixIn }).remedies, fixIn));
  return {
    id,
    title: str(data, 'title', where, 80),
    story: str(data, 'story', where, 2000),
    file: source,
    scenario,
    solution: { seed: sol.seed as number, faults, breaks: sol.breaks },
    fix,
    explanation: str(data, 'explanation', where, 3000),
  };
}
