/**
 * The defaults a version-1 link is written against. Links store only what differs from
 * defaults, so if the product's defaults ever change, old links would silently change
 * meaning. Pinning a copy here keeps a v1 link meaning what it meant when it was made;
 * a change to the product defaults needs no new link version.
 */
import type { Scenario } from '../sim/types';

/** Frozen v1 defaults (equal to the engine's defaults at the time v1 was defined). */
export const LINK_V1_DEFAULTS: Readonly<Scenario> = Object.freeze({
  version: 1,
  seed: 1,
  workload: Object.freeze({ orders: 20, intervalMs: 150, quantity: 1, price: 40, cancelRatio: 0, cancelAfterMs: 60 }),
  inventory: Object.freeze({ stock: 100 }),
  faults: Object.freeze({
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
  }),
  remedies: Object.freeze({
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
    // v1 links were made when the dashboard always kept the newest timestamp, so they keep it.
    lastWriteWins: true,
  }),
  durationMs: 60_000,
  stuckAfterMs: 10_000,
  changes: Object.freeze([]) as unknown as Scenario['changes'],
}) as Readonly<Scenario>;

/** The sections that hold named settings (merged key by key). */
export const SECTIONS = ['workload', 'inventory', 'faults', 'remedies'] as const;

/** The top-level single values. */
export const SCALARS = ['seed', 'durationMs', 'stuckAfterMs'] as const;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A scenario's settings that differ from the v1 defaults, as scenario input. Feeding the
 * result to `fillV1Defaults` and then `parseScenario` gives back the same scenario.
 */
export function diffFromV1Defaults(s: Scenario): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (s.name !== undefined) out.name = s.name;
  if (s.seed !== LINK_V1_DEFAULTS.seed) out.seed = s.seed;
  for (const sec of SECTIONS) {
    const d = LINK_V1_DEFAULTS[sec] as unknown as Record<string, unknown>;
    const v = s[sec] as unknown as Record<string, unknown>;
    const diff: Record<string, unknown> = {};
    for (const k of Object.keys(d)) if (v[k] !== d[k]) diff[k] = v[k];
    if (Object.keys(diff).length > 0) out[sec] = diff;
  }
  for (const k of ['durationMs', 'stuckAfterMs'] as const) if (s[k] !== LINK_V1_DEFAULTS[k]) out[k] = s[k];
  if (s.changes.length > 0) {
    out.changes = s.changes.map((c) => {
      if (c.whatIf !== undefined) return { atMs: c.atMs, atEvent: c.atEvent, whatIf: { ...c.whatIf } };
      return c.atEvent === undefined ? { atMs: c.atMs, path: c.path, value: c.value } : { atMs: c.atMs, atEvent: c.atEvent, path: c.path, value: c.value };
    });
  }
  // Alert rules are not defaulted field by field: a scenario either states its list or uses the defaults.
  if (s.alerts !== undefined) out.alerts = s.alerts.map((a) => ({ ...a }));
  return out;
}

/**
 * Fills in the v1 defaults under untrusted link input, without judging it: anything that is
 * not the expected shape is passed through unchanged so `parseScenario` reports it.
 */
export function fillV1Defaults(raw: unknown): unknown {
  if (!isPlainObject(raw)) return raw;
  const out: Record<string, unknown> = { ...raw };
  for (const k of SCALARS) if (out[k] === undefined) out[k] = LINK_V1_DEFAULTS[k];
  for (const sec of SECTIONS) {
    const v = out[sec];
    if (v === undefined) out[sec] = { ...LINK_V1_DEFAULTS[sec] };
    else if (isPlainObject(v)) out[sec] = { ...LINK_V1_DEFAULTS[sec], ...v };
  }
  return out;
}
