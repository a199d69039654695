/**
 * Reads one challenge definition (a YAML file in `lessons/challenges/`). The hidden faults
 * are derived from the scenario itself, so the answer key can never disagree with the system.
 */
import { parseScenario, ScenarioError } from '../sim/scenario';
import type { Scenario } from '../sim/types';
import { activeFaults } from './challengeGrade';
import { parseYaml } from './frontMatter';
import { LessonError } from './lessonError';
import { parseLessonScenario } from './parseLesson';
import type { Challenge } from './types';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const FIELDS = ['id', 'title', 'story', 'scenario', 'remedies', 'explanation', 'signalsOnly'];

// These live with the grading, which the browser needs, so the player does not pull in this parser (and its YAML reader).
export { activeFaults, DIAGNOSABLE_FAULTS } from './challengeGrade';

function str(raw: Obj, key: string, source: string, max: number): string {
  const v = raw[key];
  if (typeof v !== 'string' || v.trim() === '') throw new LessonError(source, key, 'must be a non-empty text');
  if (v.length > max) throw new LessonError(source, key, `must be at most ${max} characters`);
  return v.trim();
}

function signalsOnly(v: unknown, where: string): boolean {
  if (v === undefined) return false;
  if (typeof v !== 'boolean') throw new LessonError(where, 'signalsOnly', 'must be true or false');
  return v;
}

/** Parses a challenge file's text; `source` names it in errors. */
export function parseChallenge(fileText: string, source: string): Challenge {
  const data = parseYaml(fileText, source, 'file');
  if (!isObj(data)) throw new LessonError(source, 'file', 'must be a YAML mapping');
  for (const k of Object.keys(data)) {
    if (!FIELDS.includes(k)) throw new LessonError(source, k, `is not a challenge field; allowed: ${FIELDS.join(', ')}`);
  }
  const id = str(data, 'id', source, 80);
  const where = `challenge "${id}" (${source})`;
  const scenario = parseLessonScenario(data.scenario, where);
  const faults = activeFaults(scenario);
  if (faults.length === 0) throw new LessonError(where, 'scenario.faults', 'must switch on at least one fault to diagnose');
  if (!isObj(data.remedies)) throw new LessonError(where, 'remedies', 'must be the remedies that fix the system, e.g. { outbox: true }');
  let remedies: Scenario['remedies'];
  try {
    remedies = parseScenario({ remedies: data.remedies }).remedies;
  } catch (e) {
    if (e instanceof ScenarioError) throw new LessonError(where, e.field, e.problem);
    throw e;
  }
  return {
    id,
    title: str(data, 'title', where, 80),
    story: str(data, 'story', where, 2000),
    file: source,
    scenario,
    faults,
    remedies,
    explanation: str(data, 'explanation', where, 3000),
    signalsOnly: signalsOnly(data.signalsOnly, where),
  };
}
