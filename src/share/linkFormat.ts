/**
 * The link format, versions 2 to 4. A playground link is the page address plus a hash:
 *
 *   #v=3&c=<checksum>&s=<scenario>&t=<playhead ms>&n=<events>&o=<order id>&m=<message id>&allow=<paths>&e=<engine>
 *
 * - `v`     link format version. Version 3 is version 2 plus per-message what-ifs among the
 *           changes; a link is written as version 2 unless it holds a what-if, so links without
 *           them stay readable by builds that know only version 2. Older versions are migrated;
 *           newer ones are refused.
 * - `s`     the scenario's settings that differ from the v1 defaults (control changes included),
 *           as JSON compressed with lz-string's `compressToEncodedURIComponent`. Since version
 *           2 each control change carries `atEvent`, the position in the run it was made at;
 *           version 1 changes had only `atMs` (see migrate.ts).
 * - `c`     checksum of the scenario JSON, so a damaged `s` is reported instead of loaded;
 *           it comes first so that a link cut off inside `s` still carries it.
 * - `t`     playhead in virtual ms, written exactly (omitted at 0).
 * - `n`     trace events at the playhead (omitted when it adds nothing, see LinkState.events).
 * - `o`,`m` the selected order and message (omitted when nothing is selected).
 * - `ch`    the chart opened under the selected order, as `<kind>.<key>`: `request.r3`,
 *           `payment.12` (the payment row), `reservation.o3`, `shipment.o3`, `email.o3`. Only with
 *           `o`; a build that does not know it reports it as an unknown part and ignores it.
 *           `job.round` is the reconciliation round opened from the Order service: it needs no `o`.
 * - `allow` comma-separated control paths an embed offers (also accepted in the query).
 * - `b`,`bm` (version 4) side B of an open comparison: its faults and remedies, and the message
 *           selected on it (see compareLink.ts). Version 4 is version 3 plus these; a link is
 *           written as version 4 only while a comparison is open.
 * - `e`     the engine version the link was made with (src/sim/engineVersion.ts). Any link
 *           version may carry it; a link without it was made with engine version 1. A link made
 *           with another engine version opens with a notice that its run may differ.
 *
 * Only `s` is opaque; the rest can be read and edited by hand.
 */
import type { Scenario } from '../sim/types';


/** The newest link format version this build reads and writes (see `linkVersionFor`). */
export const LINK_VERSION = 4;

/** The version a link to this scenario is written as: the oldest one that can carry it. */
export function linkVersionFor(scenario: Scenario, comparing = false): number {
  if (comparing) return 4;
  return scenario.changes.some((c) => c.whatIf !== undefined) ? 3 : 2;
}

/** Hash parameter names. */
export const PARAM = {
  version: 'v',
  scenario: 's',
  checksum: 'c',
  playhead: 't',
  events: 'n',
  order: 'o',
  message: 'm',
  entity: 'ch',
  allow: 'allow',
  engine: 'e',
  sideB: 'b',
  sideBMessage: 'bm',
} as const;

/**
 * Longest hash we read. Real links stay far below (the most control changes a scenario may hold,
 * 500, each with its time and position, pack into about 12,000 characters). The cap also bounds a crafted "decompression bomb": lz-string output can grow
 * with the square of its input, and at this size the worst case unpacks in well under a second.
 */
export const MAX_HASH_CHARS = 24_000;

/** Longest decompressed scenario text we accept (500 changes fit comfortably). */
export const MAX_SCENARIO_TEXT_CHARS = 200_000;

/** Most trace events a link may name (a bound, not a real limit: long runs stay far below). */
export const MAX_EVENTS = 100_000_000;

/** lz-string's URL-safe alphabet; other characters would silently decode as zeros. */
export const PACKED = /^[A-Za-z0-9+\-$]+$/;

/** Order ids as the Order service makes them. */
export const ORDER_ID = /^o[1-9][0-9]{0,8}$/;

/** Message ids as the engine makes them. */
export const MESSAGE_ID = /^m[1-9][0-9]{0,9}$/;

/** The charts a link can open under its selected order, and the key each one is found by. */
export const ENTITY_KEY = {
  request: /^r[1-9][0-9]{0,8}$/,
  payment: /^(0|[1-9][0-9]{0,8})$/,
  reservation: ORDER_ID,
  shipment: ORDER_ID,
  email: ORDER_ID,
  // One reconciliation job per run; its chart shows every round so far, so there is one key.
  job: /^round$/,
} as const;

/** A kind of chart a link can open (see `ENTITY_KEY`). */
export type LinkEntityKind = keyof typeof ENTITY_KEY;

/** True for the one chart a link opens without an order: the reconciliation round, under the Order service. */
export function isServiceChart(kind: LinkEntityKind): boolean {
  return kind === 'job';
}

/** True when `kind` and `key` make a chart a link can name. */
export function isLinkEntity(kind: string, key: string): kind is LinkEntityKind {
  return Object.hasOwn(ENTITY_KEY, kind) && ENTITY_KEY[kind as LinkEntityKind].test(key);
}
