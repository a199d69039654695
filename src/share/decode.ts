/**
 * Reading links. Everything in a link is untrusted: it is parsed as data (never evaluated),
 * the scenario goes through `parseScenario` like a scenario file, and each problem becomes a
 * sentence for the page plus a safe substitute, so a bad link can neither crash the page nor
 * run anything but a valid scenario.
 */
import { unpackFromUrl } from './lz';
import { controlPaths, parseScenario, ScenarioError } from '../sim/scenario';
import type { Scenario } from '../sim/types';
import { linkChecksum } from './checksum';
import { type AddressParts, type Param, parseParams, splitAddress } from './hashParams';
import { fillV1Defaults } from './linkDefaults';
import { isLinkEntity, isServiceChart, LINK_VERSION, MAX_EVENTS, MAX_HASH_CHARS, MAX_SCENARIO_TEXT_CHARS, MESSAGE_ID, ORDER_ID, PACKED, PARAM } from './linkFormat';
import type { LinkProblem, LinkReadResult, LinkState } from './linkState';
import { problemSentence } from './sentences';
import { ENGINE_VERSION } from '../sim/engineVersion';
import { readEngineStamp } from './engineStamp';
import { CompareLinkError, type CompareLinkState, decodeSideB } from './compareLink';
import { looksLikeV0, MigrationError, migrateV0, migrateV1, type RawLinkV1, refuseWhatIfs } from './migrate';

const INSTEAD = {
  scenario: 'showing the default scenario instead',
  playhead: 'starting from the beginning instead',
  ignored: 'ignored',
  selection: 'nothing is selected',
  chart: 'no chart is opened',
  compare: 'showing run A alone instead',
} as const;

/** Shortens and cleans text from a link before it is quoted back to the reader. */
function quote(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return `"${clean.length > 24 ? `${clean.slice(0, 24)}…` : clean}"`;
}

/** Builds the page's sentence for one problem with a link. */
export function linkProblem(field: string, problem: string, instead: string): LinkProblem {
  return { field, problem, message: problemSentence('This link', field, problem, instead) };
}

/** Thrown inside the reader when the scenario cannot be used. */
class Unusable extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}

function defaultState(): LinkState {
  return { scenario: parseScenario({}), playhead: 0, events: null, selectedOrder: null, selectedMessage: null, allow: null };
}

function first(params: readonly Param[], key: string): string | null {
  const p = params.find((x) => x.key === key);
  return p ? (p.value ?? '') : null;
}

const V1_KEYS = new Set<string>(Object.values(PARAM));

/** Unpacks and checks the `s` part of a v1 link into unvalidated scenario input. */
function unpackScenario(packedIn: string, check: string | null): unknown {
  // A trip through form decoding turns "+" into " "; lz-string itself undoes that too.
  const packed = packedIn.replace(/ /g, '+');
  if (packed === '') throw new Unusable('link', 'has an empty scenario part ("s=")');
  if (!PACKED.test(packed)) throw new Unusable('link', 'is damaged: its scenario part has characters a link never contains');
  let text: string | null;
  try {
    text = unpackFromUrl(packed);
  } catch {
    text = null;
  }
  if (!text) throw new Unusable('link', 'is damaged: its scenario part cannot be unpacked (was the link cut off when it was copied?)');
  if (text.length > MAX_SCENARIO_TEXT_CHARS) throw new Unusable('link', 'holds a scenario far larger than Eventually ever writes');
  if (check !== null && check !== linkChecksum(text)) {
    throw new Unusable('link', 'was changed or cut off after it was made (its checksum does not match)');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Unusable('link', 'is damaged: its scenario part is not readable (was the link cut off when it was copied?)');
  }
}

/** Works out the link's version and brings it to v1 parts; throws `Unusable`. */
function toV1(params: readonly Param[]): { raw: RawLinkV1; migratedFrom: number | null; version: number } {
  const vText = first(params, PARAM.version);
  let version: number;
  if (vText === null) version = first(params, PARAM.scenario) === null && looksLikeV0(params) ? 0 : LINK_VERSION;
  else if (!/^[0-9]{1,6}$/.test(vText)) throw new Unusable('version', `is ${quote(vText)}, which is not a version number`);
  else version = Number(vText);
  if (version > LINK_VERSION) {
    throw new Unusable('version', `is ${version}: the link was made by a newer Eventually, and this one reads link versions up to ${LINK_VERSION}`);
  }
  if (version === 0) {
    try {
      return { raw: migrateV0(params), migratedFrom: 0, version: 0 };
    } catch (e) {
      if (e instanceof MigrationError) throw new Unusable(quote(e.field), e.problem);
      throw e;
    }
  }
  const packed = first(params, PARAM.scenario);
  if (packed === null) throw new Unusable('link', 'has no scenario in it (the "s=" part is missing)');
  const scenario = unpackScenario(packed, first(params, PARAM.checksum));
  let migratedFrom: number | null = null;
  if (version <= 2) {
    try {
      refuseWhatIfs(scenario, version);
      // Only a link with control changes reads differently in version 2; say so just for those.
      if (version === 1 && migrateV1(scenario)) migratedFrom = 1;
    } catch (e) {
      if (e instanceof MigrationError) throw new Unusable(e.field, e.problem);
      throw e;
    }
  }
  return {
    raw: {
      scenario,
      playhead: first(params, PARAM.playhead),
      events: first(params, PARAM.events),
      order: first(params, PARAM.order),
      message: first(params, PARAM.message),
      allow: first(params, PARAM.allow),
    },
    migratedFrom,
    version,
  };
}

/** Side B of a comparison, if the link holds one it may (version 4); problems are named, never fatal. */
function readCompare(params: readonly Param[], version: number, problems: LinkProblem[]): CompareLinkState | undefined {
  const b = first(params, PARAM.sideB);
  if (b === null) return undefined;
  if (version < 4) {
    problems.push(linkProblem('link', `has a comparison ("b="), which came with link version 4, but says it is version ${version}`, INSTEAD.compare));
    return undefined;
  }
  try {
    const sides = decodeSideB(b);
    return { ...sides, selectedMessage: readId(first(params, PARAM.sideBMessage), MESSAGE_ID, 'message', 'm42', problems) };
  } catch (e) {
    if (e instanceof CompareLinkError) problems.push(linkProblem(e.field, e.problem, INSTEAD.compare));
    else problems.push(linkProblem('side B', 'could not be read', INSTEAD.compare));
    return undefined;
  }
}

/** Validates the scenario with the same rules and messages as scenario files. */
function validScenario(input: unknown): Scenario {
  try {
    return parseScenario(fillV1Defaults(input));
  } catch (e) {
    if (e instanceof ScenarioError) throw new Unusable(e.field, e.problem);
    throw new Unusable('link', 'holds a scenario that could not be read');
  }
}

function readPlayhead(text: string | null, s: Scenario, problems: LinkProblem[]): number {
  if (text === null) return 0;
  const t = text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(t) || t < 0) {
    problems.push(linkProblem('playhead', `is ${quote(text)}, which is not a time in ms`, INSTEAD.playhead));
    return 0;
  }
  if (t > s.durationMs) {
    problems.push(linkProblem('playhead', `is ${t} ms, after the end of the run (${s.durationMs} ms)`, INSTEAD.playhead));
    return 0;
  }
  return t;
}

function readEvents(text: string | null, problems: LinkProblem[]): number | null {
  if (text === null) return null;
  if (!/^[0-9]{1,9}$/.test(text) || Number(text) > MAX_EVENTS) {
    problems.push(linkProblem('event count', `is ${quote(text)}, which is not a count of events`, INSTEAD.ignored));
    return null;
  }
  return Number(text);
}

function readId(text: string | null, pattern: RegExp, what: string, example: string, problems: LinkProblem[]): string | null {
  if (text === null || text === '') return null;
  if (!pattern.test(text)) {
    problems.push(linkProblem(`selected ${what}`, `is ${quote(text)}, which is not ${what} id (like ${example})`, INSTEAD.selection));
    return null;
  }
  return text;
}

/** Reads the chart a link opens under its selected order (`ch=payment.12`), which needs that order, or the reconciliation round (`ch=job.round`). */
function readEntity(text: string | null, order: string | null, problems: LinkProblem[]): LinkState['entity'] {
  if (text === null || text === '') return undefined;
  const dot = text.indexOf('.');
  const kind = dot > 0 ? text.slice(0, dot) : text;
  const key = dot > 0 ? text.slice(dot + 1) : '';
  if (!isLinkEntity(kind, key)) {
    problems.push(linkProblem('chart', `is ${quote(text)}, which is not a chart (like payment.12, reservation.o3 or job.round)`, INSTEAD.chart));
    return undefined;
  }
  if (order === null && !isServiceChart(kind)) {
    problems.push(linkProblem('chart', `names ${quote(text)} but no order to open it under`, INSTEAD.chart));
    return undefined;
  }
  return { kind, key };
}

/** Reads an allow list; unknown control paths are dropped with a problem each. */
export function readAllow(text: string | null, problems: LinkProblem[]): string[] | null {
  if (text === null) return null;
  const known = controlPaths();
  const out: string[] = [];
  for (const part of text.split(',')) {
    const p = part.trim();
    if (p === '') continue;
    if (!known.includes(p)) {
      problems.push(linkProblem('allow list', `names ${quote(p)}, which is not a control`, INSTEAD.ignored));
      continue;
    }
    if (!out.includes(p)) out.push(p);
  }
  return out;
}

/** The hash holds one of our links (any version), as opposed to nothing or an in-page anchor. */
export function isPlaygroundHash(hash: string): boolean {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  if (h.length > MAX_HASH_CHARS) return true;
  const params = parseParams(h);
  return params.some((p) => V1_KEYS.has(p.key)) || looksLikeV0(params);
}

/**
 * Reads a link's query and hash. Always returns a loadable state; `problems` says what was
 * wrong and `fellBack` whether the default scenario replaced the link's.
 */
export function readLinkParts(parts: AddressParts): LinkReadResult {
  const hash = parts.hash.startsWith('#') ? parts.hash.slice(1) : parts.hash;
  const query = parseParams(parts.search.startsWith('?') ? parts.search.slice(1) : parts.search);
  const problems: LinkProblem[] = [];
  const queryAllow = first(query, PARAM.allow);

  const fallBack = (field: string, problem: string, migratedFrom: number | null): LinkReadResult => {
    const state = defaultState();
    const more: LinkProblem[] = [];
    state.allow = readAllow(queryAllow, more);
    // The default scenario is shown, made by this engine: there is no shared run to differ from.
    return { state, problems: [linkProblem(field, problem, INSTEAD.scenario), ...more], fellBack: true, migratedFrom, empty: false, engineVersion: ENGINE_VERSION };
  };

  if (hash.length > MAX_HASH_CHARS) {
    return fallBack('link', `is ${hash.length} characters long, far longer than any Eventually link`, null);
  }
  const params = parseParams(hash);
  if (!isPlaygroundHash(hash)) {
    const state = defaultState();
    state.allow = readAllow(queryAllow, problems);
    return { state, problems, fellBack: false, migratedFrom: null, empty: true, engineVersion: ENGINE_VERSION };
  }

  let raw: RawLinkV1;
  let migratedFrom: number | null = null;
  let version = LINK_VERSION;
  let scenario: Scenario;
  try {
    ({ raw, migratedFrom, version } = toV1(params));
    scenario = validScenario(raw.scenario);
  } catch (e) {
    if (e instanceof Unusable) return fallBack(e.field, e.problem, migratedFrom);
    return fallBack('link', 'could not be read', migratedFrom);
  }

  if (migratedFrom !== 0) {
    const seen = new Set<string>();
    for (const p of params) {
      if (!V1_KEYS.has(p.key)) problems.push(linkProblem('link', `has a part Eventually does not know (${quote(p.key)})`, INSTEAD.ignored));
      else if (seen.has(p.key)) problems.push(linkProblem('link', `has the part ${quote(p.key)} twice; the first one counts`, INSTEAD.ignored));
      seen.add(p.key);
    }
  }
  const stamp = readEngineStamp(migratedFrom === 0 ? null : first(params, PARAM.engine));
  if (!stamp.ok) problems.push(linkProblem('engine version', `is ${quote(stamp.text)}, which is not a version number`, INSTEAD.ignored));
  const playhead = readPlayhead(raw.playhead, scenario, problems);
  const state: LinkState = {
    scenario,
    playhead,
    // An event count only makes sense together with the playhead it was counted at.
    events: playhead > 0 ? readEvents(raw.events, problems) : null,
    selectedOrder: readId(raw.order, ORDER_ID, 'order', 'o3', problems),
    selectedMessage: readId(raw.message, MESSAGE_ID, 'message', 'm42', problems),
    allow: readAllow(raw.allow ?? queryAllow, problems),
  };
  const entity = readEntity(first(params, PARAM.entity), state.selectedOrder, problems);
  if (entity) state.entity = entity;
  const compare = readCompare(params, version, problems);
  if (compare) state.compare = compare;
  return { state, problems, fellBack: false, migratedFrom, empty: false, engineVersion: stamp.ok ? stamp.version : null };
}

/** Reads a full URL, a "?query#hash" tail, or a bare "#hash". See `readLinkParts`. */
export function readLink(address: string): LinkReadResult {
  return readLinkParts(splitAddress(address));
}

/**
 * The scenario a link holds, for the command-line runner: no fallback, the first fatal
 * problem is thrown as a `ScenarioError` naming the field (problems that only concern the
 * view, such as a bad playhead, do not stop a run).
 */
export function scenarioFromLink(address: string): Scenario {
  const r = readLink(address);
  if (r.empty) throw new ScenarioError('link', 'holds no scenario (nothing after "#" that Eventually can read)');
  if (r.fellBack) throw new ScenarioError(r.problems[0].field, r.problems[0].problem);
  return r.state.scenario;
}
