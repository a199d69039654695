/**
 * Scenario defaults and validation. Files, links, imports and lessons all go through
 * `parseScenario`, so bad input gets the same clear message wherever it comes from.
 */
import { parseAlertRules } from './alerts';
import { EVENT_BUDGET } from './budget';
import { FAULTS } from './catalog';
import { CONSUMERS } from './api';
import { type ChoiceSequence, STREAMS } from './choices';
import type { ControlChange, Faults, Ordering, Remedies, Scenario, ServiceId, WhatIf, WhatIfAction, Workload } from './types';

/** Default faults: a healthy bus with a little latency. */
export const DEFAULT_FAULTS: Faults = {
  drop: 0,
  duplicate: 0,
  reorder: 0,
  latencyMs: 20,
  jitterMs: 10,
  crashAfterCommit: 0,
  crashBeforeAck: 0,
  paymentTimeout: 0,
  clientRetry: 0,
  poison: 0,
  clockSkewMs: 0,
  raceWindowMs: 0,
};

/** Default remedies: none, as in a naive first implementation. */
export const DEFAULT_REMEDIES: Remedies = {
  outbox: false,
  idempotentConsumer: false,
  idempotencyKey: false,
  ordering: 'none',
  retries: false,
  deadLetterQueue: false,
  saga: false,
  reconciliation: false,
  conditionalUpdate: false,
  logicalClocks: false,
  lastWriteWins: false,
};

/** Default workload: 20 orders, one every 150 ms. */
export const DEFAULT_WORKLOAD: Workload = {
  orders: 20,
  intervalMs: 150,
  quantity: 1,
  price: 40,
  cancelRatio: 0,
  cancelAfterMs: 60,
};

/** The scenario a fresh page or an empty file starts from. */
export const DEFAULT_SCENARIO: Scenario = {
  version: 1,
  seed: 1,
  workload: DEFAULT_WORKLOAD,
  inventory: { stock: 100 },
  faults: DEFAULT_FAULTS,
  remedies: DEFAULT_REMEDIES,
  durationMs: 60_000,
  stuckAfterMs: 10_000,
  changes: [],
};

/** Bad input, with the field it concerns. Never carries a stack trace to the learner. */
export class ScenarioError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
    this.name = 'ScenarioError';
  }
}

const ORDERINGS: Ordering[] = ['none', 'partitionByKey', 'versioned'];
const LIMITS = {
  orders: [1, 20_000],
  intervalMs: [0, 60_000],
  quantity: [1, 100],
  price: [0, 1_000_000],
  cancelAfterMs: [0, 600_000],
  stock: [0, 10_000_000],
  durationMs: [1, 86_400_000],
  stuckAfterMs: [1, 86_400_000],
  seed: [0, 4_294_967_295],
} as const;

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkKeys(obj: Obj, allowed: readonly string[], where: string): void {
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) {
      throw new ScenarioError(`${where}${k}`, `unknown field; allowed here: ${allowed.join(', ')}`);
    }
  }
}

function num(v: unknown, field: string, min: number, max: number, integer: boolean): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new ScenarioError(field, `must be a number between ${min} and ${max}, got ${describe(v)}`);
  }
  if (integer && !Number.isInteger(v)) throw new ScenarioError(field, `must be a whole number, got ${v}`);
  if (v < min || v > max) throw new ScenarioError(field, `must be between ${min} and ${max}, got ${v}`);
  return v;
}

function bool(v: unknown, field: string): boolean {
  if (typeof v !== 'boolean') throw new ScenarioError(field, `must be true or false, got ${describe(v)}`);
  return v;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `the text "${v.length > 30 ? `${v.slice(0, 30)}…` : v}"`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

function section(input: Obj, name: string): Obj {
  const v = input[name];
  if (v === undefined) return {};
  if (!isObj(v)) throw new ScenarioError(name, `must be an object, got ${describe(v)}`);
  return v;
}

/** Reads `faults.*`, checking each value against the catalog's range. */
function parseFaults(raw: Obj): Faults {
  checkKeys(raw, Object.keys(DEFAULT_FAULTS), 'faults.');
  const out = { ...DEFAULT_FAULTS };
  for (const key of Object.keys(DEFAULT_FAULTS) as (keyof Faults)[]) {
    if (raw[key] === undefined) continue;
    const c = FAULTS[key];
    out[key] = num(raw[key], `faults.${key}`, c.kind === 'probability' ? 0 : 0, c.max, false);
  }
  if (out.latencyMs < 1) throw new ScenarioError('faults.latencyMs', `must be between 1 and ${FAULTS.latencyMs.max}, got ${out.latencyMs}`);
  return out;
}

function parseRemedies(raw: Obj): Remedies {
  checkKeys(raw, Object.keys(DEFAULT_REMEDIES), 'remedies.');
  const out = { ...DEFAULT_REMEDIES };
  for (const key of Object.keys(DEFAULT_REMEDIES) as (keyof Remedies)[]) {
    const v = raw[key];
    if (v === undefined) continue;
    if (key === 'ordering') {
      if (typeof v !== 'string' || !ORDERINGS.includes(v as Ordering)) {
        throw new ScenarioError('remedies.ordering', `must be one of ${ORDERINGS.map((o) => `"${o}"`).join(', ')}, got ${describe(v)}`);
      }
      out.ordering = v as Ordering;
    } else {
      (out as unknown as Record<string, boolean>)[key] = bool(v, `remedies.${key}`);
    }
  }
  return out;
}

function parseWorkload(raw: Obj): Workload {
  checkKeys(raw, Object.keys(DEFAULT_WORKLOAD), 'workload.');
  const w = { ...DEFAULT_WORKLOAD };
  if (raw.orders !== undefined) w.orders = num(raw.orders, 'workload.orders', ...LIMITS.orders, true);
  if (raw.intervalMs !== undefined) w.intervalMs = num(raw.intervalMs, 'workload.intervalMs', ...LIMITS.intervalMs, false);
  if (raw.quantity !== undefined) w.quantity = num(raw.quantity, 'workload.quantity', ...LIMITS.quantity, true);
  if (raw.price !== undefined) w.price = num(raw.price, 'workload.price', ...LIMITS.price, false);
  if (raw.cancelRatio !== undefined) w.cancelRatio = num(raw.cancelRatio, 'workload.cancelRatio', 0, 1, false);
  if (raw.cancelAfterMs !== undefined) w.cancelAfterMs = num(raw.cancelAfterMs, 'workload.cancelAfterMs', ...LIMITS.cancelAfterMs, false);
  return w;
}

/** All control paths a change may name, with how to check the value. */
export function controlPaths(): string[] {
  return [
    ...Object.keys(DEFAULT_FAULTS).map((k) => `faults.${k}`),
    ...Object.keys(DEFAULT_REMEDIES).map((k) => `remedies.${k}`),
  ];
}

/**
 * Checks one control change: the path must be exactly a control (so "faults.drop.extra" is not
 * "faults.drop"), and the value must pass the same rules as the scenario section it names.
 * `field` names the value (e.g. "changes[2].value"); a bad path is named as its sibling
 * ("changes[2].path").
 */
export function validateChange(path: string, value: unknown, field = 'value'): number | boolean | string {
  const base = field.endsWith('value') ? field.slice(0, -'value'.length) : `${field}.`;
  const name = (part: 'path' | 'value') => (part === 'value' ? field : `${base}path`);
  const all = controlPaths();
  if (!all.includes(path)) {
    // Point at the nearest real control rather than listing all 22 when the mistake is small.
    const prefix = all.find((p) => path.startsWith(`${p}.`));
    const section = all.filter((p) => p.startsWith(`${path.split('.')[0]}.`));
    const hint = prefix ? `did you mean ${prefix}?` : `allowed: ${(section.length ? section : all).join(', ')}`;
    throw new ScenarioError(name('path'), `"${path}" is not a control; ${hint}`);
  }
  const [sec, key] = path.split('.');
  try {
    if (sec === 'faults') return parseFaults({ [key]: value })[key as keyof Faults];
    return parseRemedies({ [key]: value })[key as keyof Remedies];
  } catch (e) {
    // The section parser names "faults.drop"; the learner's mistake is in this change's value.
    if (e instanceof ScenarioError) throw new ScenarioError(name('value'), `${e.problem} (a value for ${path})`);
    throw e;
  }
}

const WHAT_IF_ACTIONS: WhatIfAction[] = ['deliverNow', 'duplicate', 'drop', 'delay', 'crashAfterCommit', 'crashBeforeAck'];
const CONSUMER_GROUPS = [...new Set(Object.values(CONSUMERS).flat())] as ServiceId[];
/** Message ids as the engine makes them. */
const MESSAGE_ID = /^m[1-9][0-9]{0,9}$/;
/** Longest delay a what-if may ask for: a day, the longest run. */
const MAX_WHAT_IF_DELAY_MS = 86_400_000;

/** Checks the shape of one what-if (whether it is possible is up to the run). */
export function validateWhatIf(w: unknown, field: string): WhatIf {
  if (!isObj(w)) throw new ScenarioError(field, `must be an object like { "msg": "m12", "to": "payment", "action": "drop" }, got ${describe(w)}`);
  checkKeys(w, ['msg', 'to', 'action', 'ms'], `${field}.`);
  if (typeof w.msg !== 'string' || !MESSAGE_ID.test(w.msg)) throw new ScenarioError(`${field}.msg`, `must be a message id such as "m12", got ${describe(w.msg)}`);
  if (w.to !== undefined && (typeof w.to !== 'string' || !CONSUMER_GROUPS.includes(w.to as ServiceId))) {
    throw new ScenarioError(`${field}.to`, `must be a consuming service (${CONSUMER_GROUPS.join(', ')}), got ${describe(w.to)}`);
  }
  if (typeof w.action !== 'string' || !WHAT_IF_ACTIONS.includes(w.action as WhatIfAction)) {
    throw new ScenarioError(`${field}.action`, `must be one of ${WHAT_IF_ACTIONS.join(', ')}, got ${describe(w.action)}`);
  }
  const action = w.action as WhatIfAction;
  const to = w.to as ServiceId | undefined;
  if ((action === 'crashAfterCommit' || action === 'crashBeforeAck') && (to === undefined || to === 'customer')) {
    throw new ScenarioError(`${field}.to`, `"${action}" crashes the receiving service, so "to" must name one (not customer)`);
  }
  const target = to === undefined ? { msg: w.msg } : { msg: w.msg, to };
  if (action !== 'delay') {
    if (w.ms !== undefined) throw new ScenarioError(`${field}.ms`, 'only a "delay" takes a time');
    return { ...target, action };
  }
  return { ...target, action, ms: num(w.ms, `${field}.ms`, 1, MAX_WHAT_IF_DELAY_MS, false) };
}

function parseChanges(v: unknown): ControlChange[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new ScenarioError('changes', `must be a list, got ${describe(v)}`);
  if (v.length > 500) throw new ScenarioError('changes', `at most 500 changes, got ${v.length}`);
  const out: ControlChange[] = [];
  let last = 0;
  let lastEvent = 0;
  v.forEach((c, i) => {
    const f = `changes[${i}]`;
    if (!isObj(c)) throw new ScenarioError(f, `must be an object, got ${describe(c)}`);
    const isWhatIf = c.whatIf !== undefined;
    checkKeys(c, isWhatIf ? ['atMs', 'atEvent', 'whatIf'] : ['atMs', 'atEvent', 'path', 'value'], `${f}.`);
    const atMs = num(c.atMs, `${f}.atMs`, 0, LIMITS.durationMs[1], false);
    if (atMs < last) throw new ScenarioError(`${f}.atMs`, 'changes must be listed in time order');
    last = atMs;
    // A position past the budget could never be reached, so it is refused rather than ignored.
    const atEvent = c.atEvent === undefined ? undefined : num(c.atEvent, `${f}.atEvent`, 0, EVENT_BUDGET, true);
    if (atEvent !== undefined && atEvent < lastEvent) throw new ScenarioError(`${f}.atEvent`, 'changes must be listed in the order they were made');
    if (atEvent !== undefined) lastEvent = atEvent;
    if (isWhatIf) {
      // Message ids mean something only at an exact position, so a what-if must carry one.
      if (atEvent === undefined) throw new ScenarioError(`${f}.atEvent`, 'a what-if needs the position in the run it was made at');
      out.push({ atMs, atEvent, whatIf: validateWhatIf(c.whatIf, `${f}.whatIf`) });
      return;
    }
    if (typeof c.path !== 'string') throw new ScenarioError(`${f}.path`, `must be a control name, got ${describe(c.path)}`);
    const value = validateChange(c.path, c.value, `${f}.value`);
    out.push(atEvent === undefined ? { atMs, path: c.path, value } : { atMs, atEvent, path: c.path, value });
  });
  return out;
}

/** Most recorded decisions one stream may hold in a file: far above any run within the event budget's reach that a person would share. */
const MAX_CHOICES = 1_000_000;

/** Reads a recorded choice sequence: per stream a list of yes/no decisions (booleans) and draws in [0, 1). */
function parseChoices(v: unknown): ChoiceSequence {
  if (!isObj(v)) throw new ScenarioError('choices', `must be an object with a list per random stream, got ${describe(v)}`);
  checkKeys(v, STREAMS, 'choices.');
  const out: ChoiceSequence = {};
  for (const stream of STREAMS) {
    const list = v[stream];
    if (list === undefined) continue;
    if (!Array.isArray(list)) throw new ScenarioError(`choices.${stream}`, `must be a list of true/false decisions and numbers from 0 to below 1, got ${describe(list)}`);
    if (list.length > MAX_CHOICES) throw new ScenarioError(`choices.${stream}`, `holds ${list.length} decisions; at most ${MAX_CHOICES} are allowed`);
    list.forEach((x, i) => {
      const ok = typeof x === 'boolean' || (typeof x === 'number' && Number.isFinite(x) && x >= 0 && x < 1);
      if (!ok) throw new ScenarioError(`choices.${stream}[${i}]`, `must be true, false or a number from 0 to below 1, got ${describe(x)}`);
    });
    out[stream] = list as (boolean | number)[];
  }
  return out;
}

/** Validates untrusted input and fills in defaults. Throws `ScenarioError` naming the field. */
export function parseScenario(input: unknown): Scenario {
  if (!isObj(input)) throw new ScenarioError('scenario', `must be a JSON object, got ${describe(input)}`);
  checkKeys(input, Object.keys(DEFAULT_SCENARIO).concat('name', 'alerts', 'choices'), '');
  if (input.version !== undefined && input.version !== 1) {
    throw new ScenarioError('version', `this version of Eventually reads scenario version 1, got ${describe(input.version)}`);
  }
  if (input.name !== undefined && (typeof input.name !== 'string' || input.name.length > 120)) {
    throw new ScenarioError('name', 'must be a text of at most 120 characters');
  }
  const inv = section(input, 'inventory');
  checkKeys(inv, ['stock'], 'inventory.');
  const scenario: Scenario = {
    version: 1,
    seed: input.seed === undefined ? DEFAULT_SCENARIO.seed : num(input.seed, 'seed', ...LIMITS.seed, true),
    workload: parseWorkload(section(input, 'workload')),
    inventory: { stock: inv.stock === undefined ? DEFAULT_SCENARIO.inventory.stock : num(inv.stock, 'inventory.stock', ...LIMITS.stock, true) },
    faults: parseFaults(section(input, 'faults')),
    remedies: parseRemedies(section(input, 'remedies')),
    durationMs: input.durationMs === undefined ? DEFAULT_SCENARIO.durationMs : num(input.durationMs, 'durationMs', ...LIMITS.durationMs, false),
    stuckAfterMs:
      input.stuckAfterMs === undefined ? DEFAULT_SCENARIO.stuckAfterMs : num(input.stuckAfterMs, 'stuckAfterMs', ...LIMITS.stuckAfterMs, false),
    changes: parseChanges(input.changes),
  };
  if (typeof input.name === 'string') scenario.name = input.name;
  if (input.choices !== undefined) scenario.choices = parseChoices(input.choices);
  if (input.alerts !== undefined) {
    scenario.alerts = parseAlertRules(input.alerts, (field, problem) => {
      throw new ScenarioError(field, problem);
    });
  }
  return scenario;
}

/** Parses JSON text as a scenario; invalid JSON becomes a `ScenarioError` too. */
export function parseScenarioJson(text: string): Scenario {
  let data: unknown;
  try {
    // Editors on Windows often save UTF-8 with a byte order mark, which JSON.parse rejects.
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ScenarioError('file', `is not valid JSON (${(e as Error).message})`);
  }
  return parseScenario(data);
}

/** Applies one control change to a scenario copy (used by the engine and the UI). */
export function withControl(s: Scenario, path: string, value: number | boolean | string): Scenario {
  const [sec, key] = path.split('.');
  if (sec === 'faults') return { ...s, faults: { ...s.faults, [key]: value } };
  if (sec === 'remedies') return { ...s, remedies: { ...s.remedies, [key]: value } };
  throw new ScenarioError('path', `"${path}" is not a control`);
}
