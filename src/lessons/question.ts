/**
 * A lesson's question: something the learner works out and types or picks, graded against the
 * engine rather than an answer key. Two kinds:
 *
 * - `order`: name an order ("which order was lost?"). Right when the engine's report of the
 *   lesson's starting system lists that order under one of the question's anomaly kinds.
 * - `threshold`: choose how long an alert's metric must stay bad before it pages (`forMs`). Each
 *   option is replayed over the recorded metrics of the starting (broken) system and of the
 *   reference solution (healthy): a good option pages on the broken system, stays quiet on the
 *   healthy one, and does not keep a customer waiting longer than `maxWaitMs`.
 *
 * The reference `answer` in the file is what "Show solution" fills in; the replay test checks that
 * the engine grades it right.
 */
import { type AlertRule, DEFAULT_ALERT_RULES, evaluateAlerts } from '../sim/alerts';
import { ANOMALY_KINDS } from '../sim/catalog';
import type { AnomalyKind, Scenario, ServiceId } from '../sim/types';
import { LessonError } from './lessonError';
import type { SignalRun } from './runSignals';

/** "Which order …?" */
export interface OrderQuestion<Text extends string = string> {
  kind: 'order';
  prompt: string;
  /** Right answers: the orders the starting system's report lists under one of these kinds. */
  anomalies: AnomalyKind[];
  /** The reference answer, e.g. "o6". */
  answer: string;
  /** Markdown shown once the answer is right (HTML in the browser's catalog). */
  explain: Text;
}

/** "How long should this alert wait before it pages?" */
export interface ThresholdQuestion<Text extends string = string> {
  kind: 'threshold';
  prompt: string;
  /** The alert rule (in the lesson scenario's rules) whose waiting time is chosen. */
  rule: string;
  /** Candidate waiting times (`forMs`), in virtual ms. */
  options: number[];
  /** Longest acceptable wait before someone is told. */
  maxWaitMs: number;
  /** The reference answer: one of `options`. */
  answer: number;
  explain: Text;
}

/** Either kind (`Text`: Markdown source, or HTML once rendered; see types.ts). */
export type Question<Text extends string = string> = OrderQuestion<Text> | ThresholdQuestion<Text>;

/** What one waiting time would have done on both runs. */
export interface ThresholdOutcome {
  forMs: number;
  /** When it would first have paged on the broken system (null: never). */
  brokenFirstAt: number | null;
  /** How often it would have paged on the healthy system. */
  healthyPages: number;
  verdict: 'good' | 'noisy' | 'silent' | 'slow';
  /** One sentence for the learner. */
  text: string;
}

/** A graded answer. */
export interface QuestionVerdict {
  correct: boolean;
  /** Plain-text feedback on this answer. */
  feedback: string;
  /** Threshold questions: every option's outcome, to show once the answer is right. */
  outcomes?: ThresholdOutcome[];
}

/** The runs a grader may need: the lesson's starting system, and (threshold) the reference solution. */
export interface QuestionRuns {
  start: SignalRun;
  solved?: SignalRun;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The alert rules a scenario runs with. */
export function rulesOf(s: Scenario): readonly AlertRule[] {
  return (s.alerts as AlertRule[] | undefined) ?? DEFAULT_ALERT_RULES;
}

function text(raw: Obj, key: string, where: string, max: number): string {
  const v = raw[key];
  if (typeof v !== 'string' || v.trim() === '') throw new LessonError(where, `question.${key}`, 'must be a non-empty text');
  if (v.length > max) throw new LessonError(where, `question.${key}`, `must be at most ${max} characters, got ${v.length}`);
  return v.trim();
}

/** Normalises an order id as a learner might type it ("O6 ", "6") to the engine's form ("o6"). */
export function normaliseOrderId(input: string): string {
  const t = input.trim().toLowerCase();
  return /^\d+$/.test(t) ? `o${t}` : t;
}

/** Reads `question:` from a lesson's front matter; `scenario` is the lesson's, for its alert rules. */
export function parseQuestion(raw: unknown, where: string, scenario: Scenario): Question {
  if (!isObj(raw)) throw new LessonError(where, 'question', 'must be an object with kind, prompt, answer and explain');
  const kind = raw.kind;
  const common = ['kind', 'prompt', 'answer', 'explain'];
  const allowed = kind === 'order' ? [...common, 'anomalies'] : kind === 'threshold' ? [...common, 'rule', 'options', 'maxWaitMs'] : null;
  if (!allowed) throw new LessonError(where, 'question.kind', `must be "order" or "threshold", got ${JSON.stringify(kind)}`);
  for (const k of Object.keys(raw)) {
    if (!allowed.includes(k)) throw new LessonError(where, `question.${k}`, `is not allowed for a "${kind}" question; use ${allowed.join(', ')}`);
  }
  const prompt = text(raw, 'prompt', where, 300);
  const explain = text(raw, 'explain', where, 2000);
  if (kind === 'order') {
    const list = raw.anomalies;
    if (!Array.isArray(list) || list.length === 0) throw new LessonError(where, 'question.anomalies', `must list anomaly kinds, e.g. [lostOrder]`);
    list.forEach((k, i) => {
      if (!ANOMALY_KINDS.includes(k as AnomalyKind)) {
        throw new LessonError(where, `question.anomalies[${i}]`, `must be one of ${ANOMALY_KINDS.join(', ')}, got ${JSON.stringify(k)}`);
      }
    });
    const answer = raw.answer;
    if (typeof answer !== 'string' || !/^o\d+$/.test(answer)) throw new LessonError(where, 'question.answer', 'must be an order id such as o6');
    return { kind: 'order', prompt, anomalies: list as AnomalyKind[], answer, explain };
  }
  const rule = raw.rule;
  const rules = rulesOf(scenario);
  if (typeof rule !== 'string' || !rules.some((r) => r.id === rule)) {
    throw new LessonError(where, 'question.rule', `must name an alert rule of the lesson's scenario (${rules.map((r) => r.id).join(', ')}), got ${JSON.stringify(rule)}`);
  }
  const options = raw.options;
  if (!Array.isArray(options) || options.length < 2 || options.length > 6) throw new LessonError(where, 'question.options', 'must list 2 to 6 waiting times in ms');
  options.forEach((o, i) => {
    if (typeof o !== 'number' || !Number.isFinite(o) || o < 0) throw new LessonError(where, `question.options[${i}]`, `must be a number of ms, 0 or more, got ${JSON.stringify(o)}`);
    if (options.indexOf(o) !== i) throw new LessonError(where, `question.options[${i}]`, `lists ${o} twice`);
  });
  const maxWaitMs = raw.maxWaitMs;
  if (typeof maxWaitMs !== 'number' || !Number.isFinite(maxWaitMs) || maxWaitMs <= 0) throw new LessonError(where, 'question.maxWaitMs', 'must be a positive number of ms');
  const answer = raw.answer;
  if (typeof answer !== 'number' || !options.includes(answer)) throw new LessonError(where, 'question.answer', `must be one of the options (${options.join(', ')})`);
  return { kind: 'threshold', prompt, rule, options: options as number[], maxWaitMs, answer, explain };
}

/** The services whose part in an order's story a wrong-answer hint mentions. */
const SERVICE_NAMES: Partial<Record<ServiceId, string>> = { payment: 'Payment', inventory: 'Inventory', shipping: 'Shipping' };

function joinWords(xs: string[]): string {
  return xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

/**
 * What the event log shows happening to an order after the Order service accepted it: which of
 * Payment, Inventory and Shipping received a message about it, and whether the provider charged
 * it. Only signals a team has (log lines), never the simulation's verdicts.
 */
export function orderStory(run: SignalRun, orderId: string): { services: string[]; charged: boolean } {
  const ofMsg = new Map<string, string>();
  const heard = new Set<ServiceId>();
  let charged = false;
  for (const e of run.trace) {
    if ((e.kind === 'publish' || e.kind === 'drop') && e.msg.orderId) ofMsg.set(e.msg.id, e.msg.orderId);
    else if (e.kind === 'deliver' && ofMsg.get(e.msgId) === orderId) heard.add(e.to);
    else if (e.kind === 'charge' && e.orderId === orderId) charged = true;
  }
  return { services: (Object.keys(SERVICE_NAMES) as ServiceId[]).filter((s) => heard.has(s)).map((s) => SERVICE_NAMES[s]!), charged };
}

/** The orders the engine counts as right answers to an order question. */
export function rightOrders(q: OrderQuestion, start: SignalRun): string[] {
  return [...new Set(q.anomalies.flatMap((k) => start.report.anomalies[k]?.orders ?? []))];
}

/** Grades a named order against the starting system's ground truth. */
export function gradeOrder(q: OrderQuestion, input: string, start: SignalRun): QuestionVerdict {
  const id = normaliseOrderId(input);
  if (id === '') return { correct: false, feedback: 'Type an order id first, such as o7.' };
  if (!start.report.orders.some((o) => o.id === id)) {
    return { correct: false, feedback: `There is no order "${input.trim()}" in this run. Order ids look like o7.` };
  }
  if (rightOrders(q, start).includes(id)) return { correct: true, feedback: `Right: ${id}.` };
  const story = orderStory(start, id);
  const seen = [...(story.services.length ? [`${joinWords(story.services)} handling messages about it`] : []), ...(story.charged ? ['the provider charging it'] : [])];
  return {
    correct: false,
    feedback: seen.length
      ? `Not ${id}. Its log lines show ${joinWords(seen)}, so it got further than the order you are looking for.`
      : `Not ${id}. Look again at the alerts and at the log lines of the orders they name.`,
  };
}

function secs(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${Math.round(ms)} ms`;
}

/** What each waiting time would have done on the broken and the healthy run. */
export function thresholdOutcomes(q: ThresholdQuestion, broken: SignalRun, healthy: SignalRun): ThresholdOutcome[] {
  const base = broken.signals.rules.find((r) => r.id === q.rule);
  if (!base) throw new Error(`alert rule "${q.rule}" is not in the run's rules`);
  return q.options.map((forMs) => {
    const rule = { ...base, forMs };
    const b = evaluateAlerts(broken.signals.series, [rule]);
    const h = evaluateAlerts(healthy.signals.series, [rule]);
    const brokenFirstAt = b[0]?.firedAt ?? null;
    const wait = `Waiting ${secs(forMs)}`;
    if (h.length > 0) {
      return {
        forMs,
        brokenFirstAt,
        healthyPages: h.length,
        verdict: 'noisy',
        text: `${wait}: it pages ${h.length === 1 ? 'once' : `${h.length} times`} on the healthy system, where nothing is wrong. People learn to ignore an alert like that.`,
      };
    }
    if (brokenFirstAt === null) {
      return { forMs, brokenFirstAt, healthyPages: 0, verdict: 'silent', text: `${wait}: it never pages at all, not even on the broken system.` };
    }
    if (forMs > q.maxWaitMs) {
      return {
        forMs,
        brokenFirstAt,
        healthyPages: 0,
        verdict: 'slow',
        text: `${wait}: quiet on the healthy system, but on the broken one the first page comes only at ${secs(brokenFirstAt)}. A customer whose money was taken waits all that time before anyone knows.`,
      };
    }
    return {
      forMs,
      brokenFirstAt,
      healthyPages: 0,
      verdict: 'good',
      text: `${wait}: quiet on the healthy system, and it pages at ${secs(brokenFirstAt)} on the broken one.`,
    };
  });
}

/** Grades a chosen waiting time. */
export function gradeThreshold(q: ThresholdQuestion, forMs: number, broken: SignalRun, healthy: SignalRun): QuestionVerdict {
  const outcomes = thresholdOutcomes(q, broken, healthy);
  const mine = outcomes.find((o) => o.forMs === forMs);
  if (!mine) return { correct: false, feedback: 'Pick one of the waiting times first.' };
  return { correct: mine.verdict === 'good', feedback: mine.verdict === 'good' ? `Right. ${mine.text}` : mine.text, outcomes: mine.verdict === 'good' ? outcomes : undefined };
}

/** Grades an answer (an order id, or a waiting time as text) with the runs it needs. */
export function gradeQuestion(q: Question, answer: string | number, runs: QuestionRuns): QuestionVerdict {
  if (q.kind === 'order') return gradeOrder(q, String(answer), runs.start);
  if (!runs.solved) throw new Error('a threshold question needs the reference solution run');
  return gradeThreshold(q, Number(answer), runs.start, runs.solved);
}
