/**
 * Every entity's path record (src/sim/machines/path.ts): it ends where the entity's machine is,
 * names the event and the guards of each step, is the same on every run of a scenario, and comes
 * back unchanged from a checkpoint — without touching the trace.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/sim/engine';
import { type PathEntry, statePath } from '../../src/sim/machines/path';
import { parseScenario } from '../../src/sim/scenario';
import { randomScenario } from './support/randomScenario';

/** Every path in a run, keyed by what it belongs to, with the state its entity is in now. */
function paths(sim: Simulation): Map<string, { path: readonly PathEntry[]; now: string }> {
  const s = sim.s;
  const out = new Map<string, { path: readonly PathEntry[]; now: string }>();
  for (const r of s.customer.requests.values()) out.set(`request ${r.requestId}`, { path: r.path, now: statePath(r.machine.value) });
  for (const r of s.payment.rows) out.set(`payment ${r.index}`, { path: r.path, now: statePath(r.machine.value) });
  for (const [id, p] of s.inventory.paths) out.set(`reservation ${id}`, { path: p, now: statePath(s.inventory.machines.get(id)?.value) });
  for (const [id, p] of s.shipping.paths) out.set(`shipment ${id}`, { path: p, now: statePath(s.shipping.machines.get(id)?.value) });
  for (const [id, p] of s.notification.paths) out.set(`email ${id}`, { path: p, now: statePath(s.notification.machines.get(id)?.value) });
  out.set('job', { path: sim.reconciler.path, now: statePath(sim.reconciler.machine.value) });
  return out;
}

/** The paths as plain data, for equality. */
function plain(sim: Simulation): Record<string, PathEntry[]> {
  return Object.fromEntries([...paths(sim)].map(([k, v]) => [k, [...v.path]]));
}

/** Breaks the rules a path keeps, or returns null. */
function broken(key: string, path: readonly PathEntry[], now: string): string | null {
  if (path.length === 0) return key === 'job' ? null : `${key}: empty path`;
  if (path[0].event !== null) return `${key}: does not start with where it started`;
  if (path.at(-1)!.state !== now) return `${key}: ends in ${path.at(-1)!.state}, but the machine is in ${now}`;
  for (let i = 1; i < path.length; i++) {
    const [a, b] = [path[i - 1], path[i]];
    if (b.t < a.t) return `${key}: time goes back at step ${i}`;
    if (!Object.isFrozen(b)) return `${key}: step ${i} is not frozen`;
    if (b.event === null) continue; // started again (a repeated ReserveStock, or a resumed copy)
    if (b.state === a.state) return `${key}: step ${i} does not change state`;
    if (b.taken.length === 0) return `${key}: step ${i} (${a.state} → ${b.state} on ${b.event}) names no transition`;
  }
  return null;
}

const stepN = (sim: Simulation, n: number) => {
  for (let i = 0; i < n && sim.step(); i++) {
    /* step */
  }
};

describe('entity paths', () => {
  it('end where each machine is, and name a transition for every step, across random scenarios', () => {
    fc.assert(
      fc.property(randomScenario, (input) => {
        const sim = new Simulation(parseScenario(input));
        sim.runToEnd();
        for (const [key, { path, now }] of paths(sim)) expect(broken(key, path, now)).toBeNull();
      }),
      { numRuns: 25 },
    );
  });

  it('are the same on a second run and after a checkpoint is restored, and leave the trace hash alone', () => {
    fc.assert(
      fc.property(randomScenario, fc.double({ min: 0, max: 1, noNaN: true }), (input, where) => {
        const scenario = parseScenario(input);
        const a = new Simulation(scenario);
        a.runToEnd();
        const b = new Simulation(scenario);
        stepN(b, Math.floor(a.eventsProcessed * where));
        const cp = b.checkpoint();
        const atCheckpoint = plain(b);
        const c = Simulation.fromCheckpoint(cp);
        expect(plain(c)).toEqual(atCheckpoint);
        c.runToEnd();
        b.runToEnd();
        expect(plain(c)).toEqual(plain(a));
        expect(plain(b)).toEqual(plain(a));
        // The original's paths were not touched by the restored run going on.
        expect(c.traceHash()).toBe(a.traceHash());
      }),
      { numRuns: 12 },
    );
  });

  it('a payment whose reply is lost retries on "retriesLeft" and, out of calls, fails on the guard after it', () => {
    const sim = new Simulation(parseScenario({ seed: 7, workload: { orders: 6 }, faults: { paymentTimeout: 0.9 }, remedies: { retries: true } }));
    sim.runToEnd();
    const steps = sim.s.payment.rows.flatMap((r) => r.path);
    const retry = steps.find((p) => p.state === 'charging.retryScheduled');
    expect(retry).toMatchObject({ event: 'TIMEOUT', guard: 'retriesLeft', taken: ['payment.charging.awaitingProvider:TIMEOUT:0'] });
    const failed = steps.find((p) => p.state === 'failed');
    expect(failed).toMatchObject({ event: 'TIMEOUT', guard: 'not retriesLeft, currentAttempt', taken: ['payment.charging.awaitingProvider:TIMEOUT:1'] });
    // The path reads in order: requested, charging, a call, a wait, then what the timeouts decided.
    const first = sim.s.payment.rows[0].path.map((p) => p.state);
    expect(first.slice(0, 3)).toEqual(['requested', 'charging.calling', 'charging.awaitingProvider']);
  });

  it('a reservation in a race window goes through "deciding", and a failed compare-and-set reads again on the way', () => {
    const sim = new Simulation(parseScenario({ seed: 2, workload: { orders: 12, intervalMs: 5 }, inventory: { stock: 3 }, faults: { raceWindowMs: 40 }, remedies: { conditionalUpdate: true } }));
    sim.runToEnd();
    const steps = [...sim.s.inventory.paths.values()].flat();
    expect(steps.find((p) => p.state === 'deciding')).toMatchObject({ event: 'READ', guard: 'raceWindowOpen', taken: ['reservation.requested:READ:0', 'reservation.reading::0'] });
    const reread = steps.find((p) => p.event === 'WRITE' && p.taken[0] === 'reservation.deciding:WRITE:0');
    expect(reread?.taken).toHaveLength(2);
    expect(reread?.guard).toMatch(/^casFailed; not raceWindowOpen, /);
  });

  it('the reconciliation job records each round, naming the guard that ended it', () => {
    const sim = new Simulation(parseScenario({ seed: 1, workload: { orders: 4 }, remedies: { reconciliation: true } }));
    sim.runToEnd();
    const path = sim.reconciler.path;
    expect(path[0]).toMatchObject({ state: 'idle', event: null });
    expect(path.some((p) => p.state === 'readingSources' && p.guard === 'answered')).toBe(true);
    expect(path.some((p) => p.state === 'idle' && p.guard === 'lastAnswerAllOk' && p.taken[0] === 'reconciliation.readingSources:ANSWER:0')).toBe(true);
  });
});
