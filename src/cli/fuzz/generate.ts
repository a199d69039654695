/**
 * Random scenarios for the fuzzer, from a seeded generator: every fault somewhere in its full
 * documented range, a random subset of remedies (or all of them), stock 0–15, cancellations,
 * prices including 0, and a few control changes during the run.
 */
import { FAULTS } from '../../sim/catalog';
import type { Rng } from '../../sim/prng';
import { DEFAULT_SCENARIO, parseScenario } from '../../sim/scenario';
import { ALL_REMEDIES } from '../../sim/truthTable';
import type { ControlChange, Faults, Ordering, Remedies, Scenario } from '../../sim/types';

const ORDERINGS: Ordering[] = ['none', 'partitionByKey', 'versioned'];

/** Every remedy on, with the strongest ordering: the truth table's own definition. */
export { ALL_REMEDIES };

/** A value for one fault anywhere in its documented range (whole ms for times). */
function faultValue(rng: Rng, key: keyof Faults): number {
  const c = FAULTS[key];
  if (c.kind === 'probability') return Math.round(rng.between(c.min, c.max) * 100) / 100;
  return Math.round(rng.between(c.min, c.max));
}

function randomRemedies(rng: Rng): Remedies {
  const out = { ...ALL_REMEDIES };
  for (const k of Object.keys(out) as (keyof Remedies)[]) {
    if (k === 'ordering') out.ordering = ORDERINGS[rng.int(3)];
    else out[k] = rng.chance(0.5);
  }
  return out;
}

function randomChanges(rng: Rng, allRemedies: boolean): ControlChange[] {
  const n = rng.chance(0.5) ? 0 : 1 + rng.int(3);
  const faultKeys = Object.keys(FAULTS) as (keyof Faults)[];
  const remedyKeys = Object.keys(ALL_REMEDIES) as (keyof Remedies)[];
  const out: ControlChange[] = [];
  for (let i = 0; i < n; i++) {
    const atMs = rng.int(3000);
    // With every remedy on, changes may only move faults, so "every remedy on" stays true.
    if (allRemedies || rng.chance(0.6)) {
      const key = faultKeys[rng.int(faultKeys.length)];
      out.push({ atMs, path: `faults.${key}`, value: faultValue(rng, key) });
    } else {
      const key = remedyKeys[rng.int(remedyKeys.length)];
      out.push({ atMs, path: `remedies.${key}`, value: key === 'ordering' ? ORDERINGS[rng.int(3)] : rng.chance(0.5) });
    }
  }
  return out.sort((a, b) => a.atMs - b.atMs);
}

/** One random, valid scenario. */
export function randomScenario(rng: Rng, opts: { allRemedies: boolean }): Scenario {
  const faults = { ...DEFAULT_SCENARIO.faults };
  for (const key of Object.keys(FAULTS) as (keyof Faults)[]) if (rng.chance(0.3)) faults[key] = faultValue(rng, key);
  const input = {
    seed: rng.u32(),
    workload: {
      orders: 1 + rng.int(rng.chance(0.7) ? 4 : 12),
      intervalMs: [0, 5, 30, 100, 150, 400, 1000][rng.int(7)],
      quantity: rng.chance(0.8) ? 1 : 2 + rng.int(2),
      price: rng.chance(0.15) ? 0 : 1 + rng.int(100),
      cancelRatio: rng.chance(0.6) ? 0 : Math.round(rng.float() * 100) / 100,
      cancelAfterMs: rng.int(300),
    },
    inventory: { stock: rng.int(16) },
    faults,
    remedies: opts.allRemedies ? ALL_REMEDIES : randomRemedies(rng),
    changes: randomChanges(rng, opts.allRemedies),
  };
  // Through the validator, so the fuzzer only ever produces what a user could load.
  return parseScenario(input);
}

/** True when every remedy is on for the whole run (ordering versioned, never switched). */
export function everyRemedyOn(s: Scenario): boolean {
  const r = s.remedies;
  const all = Object.entries(ALL_REMEDIES).every(([k, v]) => r[k as keyof Remedies] === v);
  return all && !s.changes.some((c) => c.path?.startsWith('remedies.'));
}

/** The scenario as a file would hold it (shared with the search). */
export { compactScenario } from '../../search/scenarioFile';
