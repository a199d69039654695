/**
 * Lesson goals: a small declarative predicate over a run's report. Reading checks every
 * fact name and bound up front, so a goal that cannot be met by construction fails in tests,
 * not in front of a learner.
 */
import type { Report } from '../sim/types';
import type { AlertRule } from '../sim/alerts';
import { type FactSources, factLabel, isKnownFact, readFacts, showValue } from './facts';
import { LessonError } from './lessonError';
import type { Condition, ControlValue, Goal, GoalNode } from './types';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseCondition(raw: Obj, source: string, field: string): Condition {
  for (const k of Object.keys(raw)) {
    if (!['fact', 'min', 'max', 'equals', 'label'].includes(k)) {
      throw new LessonError(source, `${field}.${k}`, 'is not allowed here; use fact, min, max, equals, label');
    }
  }
  if (typeof raw.fact !== 'string' || !isKnownFact(raw.fact)) {
    throw new LessonError(source, `${field}.fact`, `must name a known fact (e.g. anomalies.total, orders.Shipped, faults.duplicate), got ${JSON.stringify(raw.fact)}`);
  }
  const c: Condition = { fact: raw.fact };
  for (const bound of ['min', 'max'] as const) {
    if (raw[bound] === undefined) continue;
    if (typeof raw[bound] !== 'number' || !Number.isFinite(raw[bound])) {
      throw new LessonError(source, `${field}.${bound}`, `must be a number, got ${JSON.stringify(raw[bound])}`);
    }
    c[bound] = raw[bound];
  }
  if (raw.equals !== undefined) {
    if (!['number', 'boolean', 'string'].includes(typeof raw.equals)) {
      throw new LessonError(source, `${field}.equals`, 'must be a number, true/false or a text');
    }
    c.equals = raw.equals as ControlValue;
  }
  if (c.min === undefined && c.max === undefined && c.equals === undefined) {
    throw new LessonError(source, field, 'needs at least one of min, max or equals');
  }
  if (c.min !== undefined && c.max !== undefined && c.min > c.max) {
    throw new LessonError(source, field, `can never hold: min ${c.min} is above max ${c.max}`);
  }
  if (raw.label !== undefined) {
    if (typeof raw.label !== 'string' || raw.label.trim() === '') throw new LessonError(source, `${field}.label`, 'must be a non-empty text');
    c.label = raw.label;
  }
  return c;
}

/** Reads one goal node (`all`, `any` or a condition) from untrusted front matter. */
export function parseGoalNode(raw: unknown, source: string, field: string): GoalNode {
  if (!isObj(raw)) throw new LessonError(source, field, 'must be an object with "all", "any" or "fact"');
  for (const group of ['all', 'any'] as const) {
    if (raw[group] === undefined) continue;
    const list = raw[group];
    if (!Array.isArray(list) || list.length === 0) throw new LessonError(source, `${field}.${group}`, 'must be a non-empty list');
    if (Object.keys(raw).length !== 1) throw new LessonError(source, field, `a "${group}" group may hold nothing else`);
    const children = list.map((c, i) => parseGoalNode(c, source, `${field}.${group}[${i}]`));
    return group === 'all' ? { all: children } : { any: children };
  }
  return parseCondition(raw, source, field);
}

/** Reads a lesson's `goal:` block: `text` plus one `all`, `any` or single condition. */
export function parseGoal(raw: unknown, source: string, field = 'goal'): Goal {
  if (!isObj(raw)) throw new LessonError(source, field, 'must be an object with "text" and "all" (or "any")');
  if (typeof raw.text !== 'string' || raw.text.trim() === '') throw new LessonError(source, `${field}.text`, 'must be a sentence describing the goal');
  const { text, ...rest } = raw;
  return { text, check: parseGoalNode(rest, source, field) };
}

/** The outcome of one goal node against a report, for the live checklist. */
export interface GoalResult {
  ok: boolean;
  /** Set for conditions: the fact tested, its wording and the value seen. */
  fact?: string;
  label?: string;
  actual?: string;
  /** Set for groups. */
  group?: 'all' | 'any';
  children?: GoalResult[];
}

/** Words for a condition's bounds, e.g. "at least 30%" or "exactly on". */
export function describeBounds(c: Condition): string {
  const parts: string[] = [];
  if (c.equals !== undefined) parts.push(`exactly ${showValue(c.fact, c.equals)}`);
  if (c.min !== undefined && c.max !== undefined && c.min === c.max) parts.push(`exactly ${showValue(c.fact, c.min)}`);
  else {
    if (c.min !== undefined) parts.push(`at least ${showValue(c.fact, c.min)}`);
    if (c.max !== undefined) parts.push(c.max === 0 ? 'none' : `at most ${showValue(c.fact, c.max)}`);
  }
  return parts.join(' and ');
}

function checkCondition(c: Condition, facts: Record<string, ControlValue>, rules?: readonly AlertRule[]): GoalResult {
  const v = facts[c.fact];
  let ok = v !== undefined;
  if (c.equals !== undefined) ok &&= v === c.equals;
  if (c.min !== undefined) ok &&= typeof v === 'number' && v >= c.min;
  if (c.max !== undefined) ok &&= typeof v === 'number' && v <= c.max;
  const label = c.label ?? `${factLabel(c.fact, rules)}: ${describeBounds(c)}`;
  return { ok, fact: c.fact, label, actual: v === undefined ? 'unknown' : showValue(c.fact, v) };
}

function checkNode(n: GoalNode, facts: Record<string, ControlValue>, rules?: readonly AlertRule[]): GoalResult {
  if ('all' in n) {
    const children = n.all.map((c) => checkNode(c, facts, rules));
    return { ok: children.every((c) => c.ok), group: 'all', children };
  }
  if ('any' in n) {
    const children = n.any.map((c) => checkNode(c, facts, rules));
    return { ok: children.some((c) => c.ok), group: 'any', children };
  }
  return checkCondition(n, facts, rules);
}

/**
 * Checks a goal against a report: `ok` plus a per-condition breakdown. Goals on signals
 * (`metrics.max.*`, `alerts.*`) need the run's `signals`, and `answer.correct` the learner's answer.
 */
export function evaluateGoal(goal: Goal, report: Report, sources: FactSources = {}): GoalResult {
  return checkNode(goal.check, readFacts(report, sources), sources.signals?.rules);
}

/** Every fact a goal tests, in file order. */
export function goalFacts(n: GoalNode): string[] {
  if ('all' in n) return n.all.flatMap(goalFacts);
  if ('any' in n) return n.any.flatMap(goalFacts);
  return [n.fact];
}
