/**
 * Checkpoints of one run share what did not change between them (copyState's `pack` and `prev`).
 * Sharing must never let a later write reach an earlier checkpoint: every checkpoint, restored
 * after the run went on and later checkpoints were taken, is exactly its moment, and goes on to
 * the same end as a fresh run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copyState } from '../../src/sim/copyState';
import { type Checkpoint, Simulation } from '../../src/sim/engine';
import { parseScenario } from '../../src/sim/scenario';
import { randomScenario } from './support/randomScenario';

/** Steps `sim` until it has processed `n` events (or ended). */
function stepTo(sim: Simulation, n: number): void {
  while (sim.eventsProcessed < n && sim.step()) {
    /* step */
  }
}

/** What a run shows at one moment. */
function moment(sim: Simulation) {
  return { hash: sim.traceHash(), now: sim.now, events: sim.eventsProcessed, tables: sim.tables(), view: sim.view(), report: sim.report() };
}

/** Bytes a checkpoint of `sim` would take with nothing to share: its whole state packed. */
function fullCopyBytes(sim: Simulation): number {
  const stats = { words: 0 };
  copyState(sim, { trace: [], listeners: new Set() }, { pack: true, stats });
  return stats.words * 12;
}

describe('checkpoints that share unchanged rows', () => {
  it('each restores to exactly its moment after the run went on, and ends like a fresh run', () => {
    fc.assert(
      fc.property(
        randomScenario,
        fc.integer({ min: 300, max: 500 }),
        // Per mille of the run (fc.double would mostly give values near 0: every checkpoint at the start).
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 2, maxLength: 5 }),
        (input, orders, wheres) => {
          // Enough orders that the big tables are packed in several chunks (more than 256 rows).
          const scenario = parseScenario({ ...input, workload: { ...input.workload, orders, intervalMs: Math.min(input.workload?.intervalMs ?? 0, 20) } });
          const fresh = new Simulation(scenario);
          fresh.runToEnd();
          const want = moment(fresh);
          const live = new Simulation(scenario);
          const cps: Checkpoint[] = [];
          for (const m of wheres.map((w) => Math.floor((fresh.eventsProcessed * w) / 1000)).sort((a, b) => a - b)) {
            stepTo(live, m);
            cps.push(live.checkpoint());
          }
          live.runToEnd();
          expect(moment(live)).toEqual(want);
          // One reference run, stepped through the checkpoints in order (they are sorted), instead
          // of a fresh run per checkpoint: the same moments compared at about a third of the cost
          // (this test took 14-58 s and timed out at 120 s on a loaded machine).
          const there = new Simulation(scenario);
          for (const cp of cps) {
            const restored = Simulation.fromCheckpoint(cp);
            stepTo(there, cp.events);
            expect(moment(restored)).toEqual(moment(there));
            restored.runToEnd();
            expect(moment(restored)).toEqual(want);
            // A later checkpoint never holds more than a full copy of the same moment, as a run's
            // first checkpoint makes it (copied here without a previous one to share with, and
            // without `rows`, so the reference run's rows are not frozen as it goes on).
            expect(cp.bytes).toBeLessThanOrEqual(fullCopyBytes(there));
          }
        },
      ),
      { numRuns: 6 },
    );
    // ~10 runs of 300-500 orders, each compared table by table: ~15-30 s alone, several times
    // that when the whole suite shares two cores with other jobs (it hit 120 s there).
  }, 300_000);

  it('a checkpoint shortly after another holds a small part of what a full copy would', () => {
    const scenario = parseScenario({ seed: 3, workload: { orders: 2000, intervalMs: 20 }, faults: { duplicate: 0.05, crashAfterCommit: 0.01 }, remedies: { idempotentConsumer: true, outbox: true, reconciliation: true } });
    const sim = new Simulation(scenario);
    sim.runUntil(30_000);
    const first = sim.checkpoint();
    sim.runUntil(31_000);
    const second = sim.checkpoint();
    const full = Simulation.fromCheckpoint(second).checkpoint();
    expect(first.bytes).toBeGreaterThan(0);
    expect(second.bytes).toBeLessThan(full.bytes / 3);
    // And it is still the whole state: restored, it is that moment.
    const there = new Simulation(scenario);
    there.runUntil(31_000);
    expect(moment(Simulation.fromCheckpoint(second))).toEqual(moment(there));
  });
});

describe('copyState packs and shares large Maps, Sets and arrays', () => {
  type Op = ['set', number, number] | ['bump', number] | ['delete', number] | ['add', number] | ['remove', number] | ['push', number] | ['checkpoint'];
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.tuple(fc.constant('set' as const), fc.nat(900), fc.integer()),
    fc.tuple(fc.constant('bump' as const), fc.nat(900)),
    fc.tuple(fc.constant('delete' as const), fc.nat(900)),
    fc.tuple(fc.constant('add' as const), fc.nat(900)),
    fc.tuple(fc.constant('remove' as const), fc.nat(900)),
    fc.tuple(fc.constant('push' as const), fc.integer()),
    fc.constant(['checkpoint'] as ['checkpoint']),
  );

  it('every copy restores to the state it was taken from, whatever happened after', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), fc.integer({ min: 0, max: 800 }), (ops, start) => {
        // Rows are objects that change in place; one row also sits in the list (a shared reference).
        const rows = new Map<string, { n: number; tags: number[] }>();
        for (let i = 0; i < start; i++) rows.set(`k${i}`, { n: i, tags: [i] });
        const state = { rows, ids: new Set<number>(Array.from({ length: start }, (_, i) => i)), list: Array.from({ length: start }, (_, i) => i) as unknown[] };
        let prev: Map<object, unknown> | undefined;
        const taken: { copy: typeof state; want: unknown }[] = [];
        const take = () => {
          const memo = new Map<object, unknown>();
          taken.push({ copy: copyState(state, {}, { pack: true, prev, memo }), want: structuredClone(state) });
          prev = memo;
        };
        for (const o of ops) {
          if (o[0] === 'set') rows.set(`k${o[1]}`, { n: o[2], tags: [] });
          else if (o[0] === 'bump') {
            const r = rows.get(`k${o[1]}`);
            if (r) {
              r.n++;
              r.tags.push(r.n);
            }
          } else if (o[0] === 'delete') rows.delete(`k${o[1]}`);
          else if (o[0] === 'add') state.ids.add(o[1]);
          else if (o[0] === 'remove') state.ids.delete(o[1]);
          else if (o[0] === 'push') state.list.push(rows.get(`k${Math.abs(o[1]) % 900}`) ?? o[1]);
          else take();
        }
        take();
        for (const t of taken) {
          const restored = copyState(t.copy);
          expect(restored).toEqual(t.want);
          expect(restored.rows).toBeInstanceOf(Map);
          expect(restored.ids).toBeInstanceOf(Set);
          expect(Array.isArray(restored.list)).toBe(true);
          // A row reached twice is one object in the restored state too.
          for (const x of restored.list) if (typeof x === 'object' && x !== null) expect([...restored.rows.values()]).toContain(x);
        }
      }),
      { numRuns: 150 },
    );
  });
});
