/**
 * Reads one lesson file (YAML front matter + Markdown steps) into a checked `Lesson`.
 * Every problem becomes a `LessonError` naming the file and the field; the lesson README
 * documents the format this enforces.
 */
import { controlPaths, parseScenario, ScenarioError, validateChange } from '../sim/scenario';
import { splitFrontMatter } from './frontMatter';
import { alertRuleOf } from './facts';
import { goalFacts, parseGoal } from './goal';
import { LessonError } from './lessonError';
import { parseQuestion, rulesOf } from './question';
import type { ControlSetting, InterviewCard, Lesson, LessonStep } from './types';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const FIELDS = ['id', 'title', 'summary', 'scenario', 'goal', 'locked', 'hints', 'solution', 'interview', 'signalsOnly', 'question'];
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function text(raw: Obj, key: string, source: string, field = key, max = 400): string {
  const v = raw[key];
  if (typeof v !== 'string' || v.trim() === '') throw new LessonError(source, field, 'must be a non-empty text');
  if (v.length > max) throw new LessonError(source, field, `must be at most ${max} characters, got ${v.length}`);
  return v.trim();
}

function textList(v: unknown, source: string, field: string, min: number): string[] {
  if (!Array.isArray(v) || v.length < min) throw new LessonError(source, field, `must be a list of at least ${min} text item(s)`);
  return v.map((item, i) => {
    if (typeof item !== 'string' || item.trim() === '') throw new LessonError(source, `${field}[${i}]`, 'must be a non-empty text');
    return item.trim();
  });
}

/** Reads a list of `{path, value}` control changes, checked against the scenario rules. */
export function parseSettings(v: unknown, source: string, field: string): ControlSetting[] {
  if (!Array.isArray(v)) throw new LessonError(source, field, 'must be a list of { path, value } changes');
  return v.map((item, i) => {
    const f = `${field}[${i}]`;
    if (!isObj(item) || typeof item.path !== 'string') throw new LessonError(source, f, 'must be an object { path, value } with a control path');
    for (const k of Object.keys(item)) if (k !== 'path' && k !== 'value') throw new LessonError(source, `${f}.${k}`, 'is not allowed; use path and value');
    try {
      return { path: item.path, value: validateChange(item.path, item.value) };
    } catch (e) {
      if (e instanceof ScenarioError) throw new LessonError(source, `${f}.${e.field === 'value' ? 'value' : 'path'}`, e.problem);
      throw e;
    }
  });
}

/** Reads `scenario:` through the shared scenario rules, re-labelling errors with the lesson. */
export function parseLessonScenario(v: unknown, source: string, field = 'scenario') {
  try {
    return parseScenario(v ?? {});
  } catch (e) {
    if (e instanceof ScenarioError) throw new LessonError(source, e.field === 'scenario' ? field : `${field}.${e.field}`, e.problem);
    throw e;
  }
}

function parseInterview(v: unknown, source: string): InterviewCard {
  if (!isObj(v)) throw new LessonError(source, 'interview', 'must be an object with question, answer and points');
  for (const k of Object.keys(v)) {
    if (!['question', 'answer', 'points'].includes(k)) throw new LessonError(source, `interview.${k}`, 'is not allowed; use question, answer, points');
  }
  return {
    question: text(v, 'question', source, 'interview.question'),
    answer: text(v, 'answer', source, 'interview.answer', 2000),
    points: textList(v.points, source, 'interview.points', 2),
  };
}

/** Splits the Markdown body at `## ` headings; each heading starts one step. */
export function splitSteps(body: string, source: string): LessonStep[] {
  const steps: LessonStep[] = [];
  let current: LessonStep | null = null;
  let inFence = false;
  for (const line of body.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const m = inFence ? null : /^##\s+(.+?)\s*#*\s*$/.exec(line);
    if (m) {
      current = { title: m[1], markdown: '' };
      steps.push(current);
    } else if (current) {
      current.markdown += `${line}\n`;
    } else if (line.trim() !== '') {
      throw new LessonError(source, 'body', 'must start with a "## Step title" heading before any text');
    }
  }
  if (steps.length === 0) throw new LessonError(source, 'body', 'needs at least one step: a "## Step title" heading followed by text');
  for (const s of steps) {
    s.markdown = s.markdown.trim();
    if (s.markdown === '') throw new LessonError(source, `body step "${s.title}"`, 'has no text');
  }
  return steps;
}

/** Parses a lesson file's text. `source` names it in errors (e.g. "lessons/outbox.md"). */
export function parseLesson(fileText: string, source: string): Lesson {
  const { data, body } = splitFrontMatter(fileText, source);
  if (!isObj(data)) throw new LessonError(source, 'front matter', 'must be a YAML mapping (key: value lines)');
  for (const k of Object.keys(data)) {
    if (!FIELDS.includes(k)) throw new LessonError(source, k, `is not a lesson field; allowed: ${FIELDS.join(', ')}`);
  }
  const id = text(data, 'id', source);
  if (!ID.test(id)) throw new LessonError(source, 'id', `must be lower-case words joined by "-", got "${id}"`);
  // From here on, name the lesson by id too, so messages read "lesson outbox (lessons/outbox.md)".
  const where = `lesson "${id}" (${source})`;
  const locked = data.locked === undefined ? [] : textList(data.locked, where, 'locked', 0);
  const paths = controlPaths();
  locked.forEach((p, i) => {
    if (!paths.includes(p)) throw new LessonError(where, `locked[${i}]`, `"${p}" is not a control; allowed: ${paths.join(', ')}`);
  });
  const solution = parseSettings(data.solution, where, 'solution');
  if (solution.length === 0) throw new LessonError(where, 'solution', 'must list at least one control change');
  solution.forEach((s, i) => {
    if (locked.includes(s.path)) throw new LessonError(where, `solution[${i}].path`, `changes "${s.path}", which the lesson locks`);
  });
  const scenario = parseLessonScenario(data.scenario, where);
  const goal = parseGoal(data.goal, where);
  const facts = goalFacts(goal.check);
  // Alert facts must name a rule the lesson's system actually runs with.
  const rules = rulesOf(scenario);
  facts.forEach((f) => {
    const rule = alertRuleOf(f);
    if (rule !== null && !rules.some((r) => r.id === rule)) {
      throw new LessonError(where, 'goal', `tests "${f}", but the scenario has no alert rule "${rule}" (it has ${rules.map((r) => r.id).join(', ')})`);
    }
  });
  const question = data.question === undefined ? null : parseQuestion(data.question, where, scenario);
  if (question && !facts.includes('answer.correct')) {
    throw new LessonError(where, 'goal', 'must test answer.correct, since the lesson asks a question (e.g. { fact: answer.correct, equals: true })');
  }
  if (!question && facts.includes('answer.correct')) throw new LessonError(where, 'question', 'is missing: the goal tests answer.correct');
  if (data.signalsOnly !== undefined && typeof data.signalsOnly !== 'boolean') throw new LessonError(where, 'signalsOnly', 'must be true or false');
  const signalsOnly = data.signalsOnly === true;
  if (signalsOnly) {
    // The fault sliders are hidden in this mode; locking them keeps links and keys honest too.
    const open = paths.filter((p) => p.startsWith('faults.') && !locked.includes(p));
    if (open.length) throw new LessonError(where, 'locked', `must lock every fault in a signals-only lesson; missing ${open.join(', ')}`);
  }
  return {
    id,
    title: text(data, 'title', where, 'title', 80),
    summary: text(data, 'summary', where, 'summary', 300),
    file: source,
    scenario,
    goal,
    locked,
    hints: textList(data.hints, where, 'hints', 1),
    solution,
    steps: splitSteps(body, where),
    interview: parseInterview(data.interview, where),
    signalsOnly,
    question,
  };
}
