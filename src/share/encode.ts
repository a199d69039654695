/**
 * Writing links: the playground state → `#v=2&c=…&s=…` (see linkFormat.ts for the format).
 */
import { packForUrl } from './lz';
import { linkChecksum } from './checksum';
import { joinParams } from './hashParams';
import { diffFromV1Defaults } from './linkDefaults';
import { isLinkEntity, isServiceChart, linkVersionFor, MESSAGE_ID, ORDER_ID, PARAM } from './linkFormat';
import type { LinkState } from './linkState';
import { ENGINE_VERSION } from '../sim/engineVersion';
import { encodeSideB } from './compareLink';

/** Control paths are plain dotted names, safe in a fragment as they are. */
const PATH = /^[A-Za-z]+\.[A-Za-z]+$/;

// The page re-encodes on every edit and while playing; the scenario part rarely changes.
let memo: { json: string; packed: string; check: string } | null = null;

function packScenario(state: LinkState): { packed: string; check: string } {
  const json = JSON.stringify(diffFromV1Defaults(state.scenario));
  if (memo?.json !== json) memo = { json, packed: packForUrl(json), check: linkChecksum(json) };
  return memo;
}

/** A playhead as written in a link: exact (so the same events have happened), never "-0" or "NaN". */
export function formatPlayhead(t: number): string {
  return Number.isFinite(t) && t > 0 ? String(t) : '0';
}

/** The link's hash for a state, without the leading "#". */
export function encodeLinkHash(state: LinkState): string {
  const { packed, check } = packScenario(state);
  const pairs: [string, string][] = [
    [PARAM.version, String(linkVersionFor(state.scenario, state.compare !== undefined))],
    // The checksum goes before the scenario: a link cut off inside the scenario keeps it.
    [PARAM.checksum, check],
    [PARAM.scenario, packed],
  ];
  if (state.playhead > 0 && Number.isFinite(state.playhead)) pairs.push([PARAM.playhead, formatPlayhead(state.playhead)]);
  if (state.playhead > 0 && state.events !== null && Number.isInteger(state.events) && state.events >= 0) pairs.push([PARAM.events, String(state.events)]);
  // Only ids the decoder would accept are written, so a link never carries junk forward.
  if (state.selectedOrder && ORDER_ID.test(state.selectedOrder)) pairs.push([PARAM.order, state.selectedOrder]);
  if (state.selectedMessage && MESSAGE_ID.test(state.selectedMessage)) pairs.push([PARAM.message, state.selectedMessage]);
  // A chart belongs to the selected order (without it, it would open nothing); the round belongs to the Order service.
  const hasOrder = state.selectedOrder !== null && ORDER_ID.test(state.selectedOrder);
  if (state.entity && isLinkEntity(state.entity.kind, state.entity.key) && (hasOrder || isServiceChart(state.entity.kind))) {
    pairs.push([PARAM.entity, `${state.entity.kind}.${state.entity.key}`]);
  }
  if (state.allow !== null) pairs.push([PARAM.allow, state.allow.filter((p) => PATH.test(p)).join(',')]);
  if (state.compare) {
    pairs.push([PARAM.sideB, encodeSideB(state.scenario, state.compare)]);
    if (state.compare.selectedMessage && MESSAGE_ID.test(state.compare.selectedMessage)) pairs.push([PARAM.sideBMessage, state.compare.selectedMessage]);
  }
  pairs.push([PARAM.engine, String(ENGINE_VERSION)]);
  return joinParams(pairs);
}

/** The full link: `base` (any hash removed) plus the state's hash. */
export function buildLink(base: string, state: LinkState): string {
  const at = base.indexOf('#');
  return `${at >= 0 ? base.slice(0, at) : base}#${encodeLinkHash(state)}`;
}
