/**
 * Keeps the address and the playground in step, outside React:
 *
 * - At start-up, the link in the address is read (`readLink`, which validates everything)
 *   and loaded: scenario, then the playhead (landing on the exact event), then the selection.
 * - While the learner works, the hash is rewritten with `history.replaceState` (at most every
 *   few seconds while playing), so the address bar always holds a link to what is on screen.
 *   Edits do not add history entries: Back leaves the playground, as on most playgrounds.
 * - A different link pasted into the address bar of the same tab changes only the hash, so
 *   no page load happens; `hashchange` loads it. Back and Forward between such pasted links
 *   work the same way. In-page anchors (e.g. the skip link's `#main`) are left alone.
 */
import { isPlaygroundHash, linkProblem, readLink } from '../../share/decode';
import { shareBase } from '../../share/embed';
import { encodeLinkHash } from '../../share/encode';
import type { LinkReadResult, LinkState } from '../../share/linkState';
import { ENGINE_VERSION } from '../../sim/engineVersion';
import { engine } from '../engineController';
import { fmtMs } from '../format';
import { useSecrets } from '../secrets';
import { entitiesOfOrder } from '../statechart/entityRefs';
import { selectMessage, selectOrder, useUi } from '../store';
import { useLinks } from './linkStore';
import { useCompare } from '../compare/compareStore';

/** While above 0 a link is being loaded, and the hash must not be overwritten half-way. */
let applying = 0;
/**
 * The hash we last read or wrote. Any other link in the address is one the browser just put
 * there (a paste, Back, Forward) and its `hashchange` is on its way: we must not overwrite it.
 */
let consumed = '';
let writeTimer: ReturnType<typeof setTimeout> | null = null;
let lastWriteAt = 0;
let started = false;

/** Most steps taken to land between events at one instant (a safety bound, never reached in practice). */
const MAX_LANDING_STEPS = 100_000;

/** The playground's state, as a link carries it. */
export function currentLinkState(): LinkState {
  const ui = useUi.getState();
  const entity = shownEntity();
  return {
    scenario: engine.scenario,
    playhead: engine.now,
    events: engine.trace.length,
    selectedOrder: ui.selectedOrder,
    selectedMessage: ui.selectedMessage,
    allow: useLinks.getState().allow,
    ...(entity ? { entity } : {}),
    ...compareLinkState(),
  };
}

/** The chart open on screen under the inspected order, if any: only what the reader can see goes in a link. */
function shownEntity(): LinkState['entity'] {
  const { openEntity: e, inspect, selectedOrder, roundOpen } = useUi.getState();
  // The round's chart, under the Order service, once a round has run (before that it shows only a note).
  if (roundOpen && inspect?.kind === 'service' && inspect.id === 'order') return roundHasRun() ? { kind: 'job', key: 'round' } : undefined;
  if (!e || e.order !== selectedOrder || inspect?.kind !== 'order' || inspect.id !== e.order) return undefined;
  const exists = entitiesOfOrder(engine.player.run.sim, e.order).some((r) => r.kind === e.kind && r.key === e.key);
  return exists ? { kind: e.kind, key: e.key } : undefined;
}

/** True once the reconciliation job has started a round by the playhead (its chart then has a path). */
function roundHasRun(): boolean {
  return engine.player.run.sim.reconciler.path.length > 0;
}

/**
 * Opens the link's reconciliation round under the Order service, or says why not: the job may not
 * have run by the link's moment (reconciliation off, or before its first tick). The order the
 * link selects, if any, stays selected; the inspector shows the service, as the sharer saw it.
 */
function openLinkedRound(): void {
  if (roundHasRun()) {
    useUi.setState({ inspect: { kind: 'service', id: 'order' }, roundOpen: true, sideTab: 'run' });
    return;
  }
  const on = engine.player.run.sim.controls().remedies.reconciliation;
  const why = on ? `no round has started by ${fmtMs(engine.now)} in this run` : 'reconciliation is off in this run, so no round ever starts';
  const problem = linkProblem('chart', `names the reconciliation round, but ${why}`, 'nothing is opened');
  useLinks.setState({ problems: [...useLinks.getState().problems, problem] });
}

/** Opens the link's chart under its order, or says why not: it may not exist (yet) at the link's moment. */
function openLinkedEntity(order: string, entity: NonNullable<LinkState['entity']>): void {
  const exists = entitiesOfOrder(engine.player.run.sim, order).some((r) => r.kind === entity.kind && r.key === entity.key);
  if (exists) {
    useUi.setState({ openEntity: { order, ...entity } });
    return;
  }
  const what = entity.kind === 'payment' ? `payment row ${entity.key}` : entity.kind === 'request' ? `request ${entity.key}` : `the ${entity.kind} of ${entity.key}`;
  const problem = linkProblem('chart', `names ${what}, which ${order} does not have at ${fmtMs(engine.now)} in this run`, 'the order is shown without that chart');
  useLinks.setState({ problems: [...useLinks.getState().problems, problem] });
}

/** Side B of an open comparison, as a link carries it. */
function compareLinkState(): Pick<LinkState, 'compare'> {
  const c = useCompare.getState();
  return c.open && c.b ? { compare: { faults: c.b.faults, remedies: c.b.remedies, selectedMessage: c.selectedB } } : {};
}

/**
 * A link to what is on screen now, for sharing (without this visit's lesson or embed parameters).
 * While a challenge hides its faults, the link opens the challenge itself instead of the run.
 */
export function currentLink(overrides: Partial<LinkState> = {}): string {
  const secret = useSecrets.getState().shareQuery;
  if (secret) return `${shareBase(window.location.href)}?${secret}`;
  return `${shareBase(window.location.href)}#${encodeLinkHash({ ...currentLinkState(), ...overrides })}`;
}

/** The largest double below t: seeking there leaves every event at exactly t still to happen. */
function justBefore(t: number): number {
  if (t <= 0) return 0;
  const f = new Float64Array([t]);
  const bits = new BigInt64Array(f.buffer);
  bits[0] -= 1n;
  return f[0];
}

/** Moves the playhead to the link's time and, if it names one, to its exact event count. */
async function land(playhead: number, events: number | null): Promise<void> {
  if (playhead <= 0) return;
  await engine.seek(playhead);
  if (events === null || engine.trace.length <= events) return;
  // The link was made after single steps, part-way through the events at this instant.
  await engine.seek(justBefore(playhead));
  for (let i = 0; i < MAX_LANDING_STEPS && engine.trace.length < events && !engine.done && engine.now <= playhead; i++) engine.stepForward();
}

/**
 * The decoder can only compare a link's playhead with the scenario's time limit (60,000 ms by
 * default), but most runs settle long before it: "the run ends at 60,000 ms" next to a timeline
 * that stops at 4,867 is not true. Once the background run has measured the real end, the
 * sentence names that instead.
 */
function tellRealEnd(r: LinkReadResult): void {
  const i = r.problems.findIndex((p) => p.field === 'playhead' && p.problem.includes('after the end of the run'));
  if (i < 0) return;
  const t = new URLSearchParams(window.location.hash.slice(1)).get('t');
  const gen = engine.scenario;
  const rewrite = (end: number) => {
    const problems = [...useLinks.getState().problems];
    const at = problems.indexOf(r.problems[i]);
    if (at < 0 || engine.scenario !== gen) return;
    problems[at] = linkProblem('playhead', `is ${t ?? '?'} ms, after the end of this run (it ends at ${fmtMs(end)})`, 'starting from the beginning instead');
    useLinks.setState({ problems });
  };
  if (useUi.getState().horizonKnown) {
    rewrite(useUi.getState().horizon);
    return;
  }
  const stop = useUi.subscribe((u) => {
    if (!u.horizonKnown) return;
    stop();
    rewrite(u.horizon);
  });
}

/** Loads what a link holds and shows its problems. Resolves when the playhead is in place. */
export async function applyLink(r: LinkReadResult): Promise<void> {
  const otherEngine = r.engineVersion !== null && r.engineVersion !== ENGINE_VERSION ? r.engineVersion : null;
  useLinks.setState({ problems: r.problems, fellBack: r.fellBack, migratedFrom: r.migratedFrom, allow: r.state.allow, otherEngine });
  if (r.empty) return;
  applying++;
  // Tests and tools wait for "ready" before reading the playhead or the trace hash.
  document.documentElement.dataset.link = 'loading';
  try {
    const { state } = r;
    engine.load(state.scenario);
    tellRealEnd(r);
    await land(state.playhead, state.events);
    if (state.selectedOrder) {
      selectOrder(state.selectedOrder, state.selectedMessage);
      if (state.entity && state.entity.kind !== 'job') openLinkedEntity(state.selectedOrder, state.entity);
    } else if (state.selectedMessage) selectMessage(state.selectedMessage, null);
    if (state.entity?.kind === 'job') openLinkedRound();
    // A link with side B opens the comparison; any other link closes one left open.
    if (state.compare) {
      const { faults, remedies, selectedMessage } = state.compare;
      useCompare.setState({ open: true, b: { faults, remedies }, selectedB: selectedMessage, followed: null, parting: null });
    } else if (useCompare.getState().open) useCompare.setState({ open: false, selectedB: null, followed: null, parting: null });
  } catch {
    // Everything in the link was validated, so this is our bug, not the link's: still never
    // leave the reader with a broken page.
    engine.load(readLink('').state.scenario);
    useLinks.setState({
      problems: [...r.problems, linkProblem('link', 'could not be loaded (an error in Eventually, not in the link)', 'showing the default scenario instead')],
      fellBack: true,
    });
  } finally {
    applying--;
    if (applying === 0) document.documentElement.dataset.link = 'ready';
  }
  scheduleWrite();
}

/** Writes the current state into the hash now (unless a link is still loading). */
export function writeHashNow(): void {
  if (writeTimer) clearTimeout(writeTimer);
  writeTimer = null;
  // The address must not carry hidden faults; the ?challenge= or ?lesson= in it reopens the same system.
  if (applying > 0 || useSecrets.getState().shareQuery) return;
  const now = window.location.hash.slice(1);
  if (now !== consumed && isPlaygroundHash(now)) return;
  const hash = encodeLinkHash(currentLinkState());
  consumed = hash;
  if (now === hash) return;
  try {
    window.history.replaceState(window.history.state, '', `${window.location.href.split('#')[0]}#${hash}`);
    lastWriteAt = performance.now();
  } catch {
    // Some browsers throttle replaceState; the next write catches up.
  }
}

/**
 * While playing, the hash is rewritten at most this often. `replaceState` blocks the main thread
 * for a same-document navigation (10–20 ms in Chromium on a busy machine), a long frame each
 * time; pausing, a seek and the Copy link button all write at once, so a link copied from a
 * paused screen is always exact.
 */
const PLAYING_WRITE_MS = 4000;

/** Writes soon: at most every few seconds while playing, shortly after any other change. */
function scheduleWrite(): void {
  if (writeTimer || applying > 0) return;
  const wait = useUi.getState().playing ? Math.max(0, PLAYING_WRITE_MS - (performance.now() - lastWriteAt)) : 150;
  writeTimer = setTimeout(writeHashNow, wait);
}

function onHashChange(): void {
  const hash = window.location.hash.slice(1);
  if (hash === consumed || !isPlaygroundHash(hash)) return;
  consumed = hash;
  // Back to an entry that shows what is already on screen: nothing to reload.
  if (hash === encodeLinkHash(currentLinkState())) return;
  void applyLink(readLink(window.location.href));
}

/**
 * Reads the address once and starts keeping it in step (idempotent). An open lesson or
 * challenge (`?lesson=`, `?challenge=`) has already loaded its own scenario and wins: its
 * scenario, not the hash's, is what the learner came for.
 */
export function startLinkSync(): Promise<void> {
  if (started) return Promise.resolve();
  started = true;
  document.documentElement.dataset.link = 'ready';
  consumed = window.location.hash.slice(1);
  const r = readLink(window.location.href);
  const lesson = /[?&](lesson|challenge)=/.test(window.location.search);
  let loaded = Promise.resolve();
  if (lesson) useLinks.setState({ allow: r.state.allow });
  else loaded = applyLink(r);
  engine.subscribeTick(scheduleWrite);
  useUi.subscribe((s, p) => {
    // A pause writes soon, not when the slower playing-time write was due.
    if (p.playing && !s.playing && writeTimer) {
      clearTimeout(writeTimer);
      writeTimer = null;
    }
    if (s.selectedOrder !== p.selectedOrder || s.selectedMessage !== p.selectedMessage || s.playing !== p.playing || s.openEntity !== p.openEntity || s.roundOpen !== p.roundOpen || s.inspect !== p.inspect) scheduleWrite();
  });
  // Once nothing is secret any more (a challenge answered or left), the address catches up.
  useCompare.subscribe((s, p) => {
    if (s.open !== p.open || s.b !== p.b || s.selectedB !== p.selectedB) scheduleWrite();
  });
  useSecrets.subscribe((s, p) => {
    if (p.shareQuery && !s.shareQuery) scheduleWrite();
  });
  window.addEventListener('hashchange', onHashChange);
  return loaded;
}
