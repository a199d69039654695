/**
 * Older link formats, turned into current parts before validation, so an old link goes
 * through exactly the same checks (and gives the same messages) as a new one.
 *
 * Version 1 is version 2 without control-change positions: its changes carry only `atMs`.
 * They are kept as time-anchored changes, which the engine applies before the events at that
 * time — what every version-1 reader did — so an old link still replays to the run it always
 * replayed to (which, for a run steered by hand mid-instant, may differ from what its maker saw
 * live: that was the bug version 2 fixes).
 *
 * Version 0 was the prototype's link: flat, readable, uncompressed `key=value` pairs with
 * no version field and no control changes, e.g.
 *
 *   #seed=7&orders=30&interval=100&stock=5&duplicate=0.3&idempotentConsumer=1&at=1200&order=o3
 */
import type { Param } from './hashParams';

/** A link's parts in version-1 terms, before any validation. */
export interface RawLinkV1 {
  /** Scenario input as JSON-like data (unvalidated). */
  scenario: unknown;
  playhead: string | null;
  events: string | null;
  order: string | null;
  message: string | null;
  allow: string | null;
}

/** A migration failed: the key concerned and what was wrong with it. */
export class MigrationError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
    this.name = 'MigrationError';
  }
}

/** v0 key → [v1 section or null for top level, v1 key]. */
const V0_SETTINGS: Record<string, [string | null, string]> = {
  seed: [null, 'seed'],
  name: [null, 'name'],
  duration: [null, 'durationMs'],
  orders: ['workload', 'orders'],
  interval: ['workload', 'intervalMs'],
  qty: ['workload', 'quantity'],
  price: ['workload', 'price'],
  cancel: ['workload', 'cancelRatio'],
  stock: ['inventory', 'stock'],
  drop: ['faults', 'drop'],
  duplicate: ['faults', 'duplicate'],
  reorder: ['faults', 'reorder'],
  latency: ['faults', 'latencyMs'],
  jitter: ['faults', 'jitterMs'],
  crashAfterCommit: ['faults', 'crashAfterCommit'],
  crashBeforeAck: ['faults', 'crashBeforeAck'],
  paymentTimeout: ['faults', 'paymentTimeout'],
  clientRetry: ['faults', 'clientRetry'],
  poison: ['faults', 'poison'],
  skew: ['faults', 'clockSkewMs'],
  race: ['faults', 'raceWindowMs'],
  outbox: ['remedies', 'outbox'],
  idempotentConsumer: ['remedies', 'idempotentConsumer'],
  idempotencyKey: ['remedies', 'idempotencyKey'],
  ordering: ['remedies', 'ordering'],
  retries: ['remedies', 'retries'],
  dlq: ['remedies', 'deadLetterQueue'],
  saga: ['remedies', 'saga'],
  reconciliation: ['remedies', 'reconciliation'],
  conditionalUpdate: ['remedies', 'conditionalUpdate'],
  logicalClocks: ['remedies', 'logicalClocks'],
};

/** v0 keys that were not settings. */
const V0_VIEW: Record<string, 'playhead' | 'order'> = { at: 'playhead', order: 'order' };

/** Keys that tell a v0 link apart from an in-page anchor or someone else's hash. */
export function looksLikeV0(params: readonly Param[]): boolean {
  return params.some((p) => p.value !== null && (Object.hasOwn(V0_SETTINGS, p.key) || Object.hasOwn(V0_VIEW, p.key)));
}

/** v0 wrote everything as text; numbers and on/off switches become JSON values again. */
function v0Value(section: string | null, key: string, text: string): unknown {
  if (key === 'name' || key === 'ordering') return text;
  if (section === 'remedies') {
    if (text === '1' || text === 'true' || text === 'on') return true;
    if (text === '0' || text === 'false' || text === 'off') return false;
    return text; // parseScenario names the field and says it must be true or false
  }
  const trimmed = text.trim();
  if (trimmed !== '' && Number.isFinite(Number(trimmed))) return Number(trimmed);
  return text;
}

/** Version 0 → version 1. Throws `MigrationError` for a key v0 never had. */
export function migrateV0(params: readonly Param[]): RawLinkV1 {
  const scenario: Record<string, unknown> = {};
  const out: RawLinkV1 = { scenario, playhead: null, events: null, order: null, message: null, allow: null };
  for (const { key, value } of params) {
    if (key === 'v') continue;
    const text = value ?? '';
    if (Object.hasOwn(V0_VIEW, key)) {
      out[V0_VIEW[key]] = text;
      continue;
    }
    if (!Object.hasOwn(V0_SETTINGS, key)) {
      throw new MigrationError(key, 'is not a setting of the older link format');
    }
    const [section, name] = V0_SETTINGS[key];
    if (section === null) scenario[name] = v0Value(section, name, text);
    else {
      if (scenario[section] === undefined) scenario[section] = {};
      (scenario[section] as Record<string, unknown>)[name] = v0Value(section, name, text);
    }
  }
  return out;
}

/**
 * Version 1 → version 2: checks that the changes have no `atEvent`, which version 1 never wrote
 * (a link claiming otherwise was edited by hand, and its positions would mean nothing). Returns
 * whether the link had control changes, the only part whose meaning the version decides.
 */
export function migrateV1(scenario: unknown): boolean {
  if (typeof scenario !== 'object' || scenario === null) return false;
  const changes = (scenario as Record<string, unknown>).changes;
  if (!Array.isArray(changes)) return false;
  changes.forEach((c, i) => {
    if (typeof c === 'object' && c !== null && 'atEvent' in c) {
      throw new MigrationError(`changes[${i}].atEvent`, 'is not part of link version 1 (only version 2 links record where in the run a change was made)');
    }
  });
  return changes.length > 0;
}

/**
 * Versions 1 and 2 → version 3: checks that no change is a what-if, which only version 3 links
 * carry (a link claiming otherwise was edited by hand). Nothing else differs.
 */
export function refuseWhatIfs(scenario: unknown, version: number): void {
  if (typeof scenario !== 'object' || scenario === null) return;
  const changes = (scenario as Record<string, unknown>).changes;
  if (!Array.isArray(changes)) return;
  changes.forEach((c, i) => {
    if (typeof c === 'object' && c !== null && 'whatIf' in c) {
      throw new MigrationError(`changes[${i}].whatIf`, `is not part of link version ${version} (per-message what-ifs came with version 3)`);
    }
  });
}

/** Link versions this build can read, oldest first. */
export const READABLE_VERSIONS = [0, 1, 2, 3] as const;
