/**
 * Engine behaviour: determinism, time travel by replay, control changes, views and reports.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runScenario, Simulation, seek } from '../../src/sim/engine';
import { DEFAULT_SCENARIO, parseScenario } from '../../src/sim/scenario';
import { ALL_REMEDIES } from '../../src/sim/truthTable';

const busy = parseScenario({
  seed: 5,
  workload: { orders: 30, intervalMs: 40, cancelRatio: 0.2 },
  inventory: { stock: 20 },
  faults: { drop: 0.1, duplicate: 0.2, reorder: 0.2, crashAfterCommit: 0.05, paymentTimeout: 0.2, clientRetry: 0.2, poison: 0.03, clockSkewMs: 300, raceWindowMs: 10 },
  remedies: ALL_REMEDIES,
});

describe('determinism', () => {
  it('the same scenario gives the same trace, byte for byte', () => {
    const a = new Simulation(busy);
    const b = new Simulation(busy);
    a.runToEnd();
    b.runToEnd();
    expect(JSON.stringify(b.trace)).toBe(JSON.stringify(a.trace));
    expect(b.traceHash()).toBe(a.traceHash());
  });

  it('another seed gives another trace', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 0, max: 2 ** 31 }), (s1, s2) => {
        fc.pre(s1 !== s2);
        const a = runScenario({ ...busy, seed: s1 });
        const b = runScenario({ ...busy, seed: s2 });
        expect(a.traceHash).not.toBe(b.traceHash);
      }),
      { numRuns: 15 },
    );
  });

  it('a healthy system ends with zero anomalies for every seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), (seed) => {
        const r = runScenario({ ...DEFAULT_SCENARIO, seed });
        expect(r.anomalyList).toEqual([]);
        expect(r.orders.every((o) => o.state === 'Shipped')).toBe(true);
        expect(r.quiescent).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it('stepping, running in slices and running to the end agree', () => {
    const whole = new Simulation(busy);
    whole.runToEnd();
    const sliced = new Simulation(busy);
    for (let t = 0; !sliced.done; t += 137) sliced.runUntil(t);
    const stepped = new Simulation(busy);
    while (stepped.step()) {
      /* one event at a time */
    }
    expect(sliced.traceHash()).toBe(whole.traceHash());
    expect(stepped.traceHash()).toBe(whole.traceHash());
  });

  it('the simulation core uses no wall clock, real timer, Math.random or UI library', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts')) files.push(p);
      }
    };
    walk('src/sim');
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      expect(text, f).not.toMatch(/Math\.random|Date\.now|new Date\(|setTimeout|setInterval|performance\.now|requestAnimationFrame|\bwindow\.|\bdocument\./);
      expect(text, f).not.toMatch(/from ['"](react|react-dom|@xyflow\/react|zustand)['"]/);
    }
  });
});

describe('time travel and controls', () => {
  it('seek(t) equals running to t', () => {
    const live = new Simulation(busy);
    live.runUntil(1500);
    const replay = seek(busy, 1500);
    expect(replay.now).toBe(1500);
    expect(replay.traceHash()).toBe(live.traceHash());
  });

  it('a control change is recorded with its time and position, and replays identically', () => {
    const base = parseScenario({ seed: 9, faults: { duplicate: 0.4 } });
    const sim = new Simulation(base);
    sim.runUntil(800);
    const position = sim.eventsProcessed;
    expect(position).toBeGreaterThan(0);
    sim.setControl('remedies.idempotentConsumer', true);
    sim.runToEnd();
    expect(sim.scenario.changes).toEqual([{ atMs: 800, atEvent: position, path: 'remedies.idempotentConsumer', value: true }]);
    const replay = new Simulation(sim.scenario);
    replay.runToEnd();
    expect(replay.traceHash()).toBe(sim.traceHash());
    expect(sim.trace.some((e) => e.kind === 'absorbed' && e.why === 'dedup')).toBe(true);
  });

  it('rejects a control change that is not a control or out of range', () => {
    const sim = new Simulation(DEFAULT_SCENARIO);
    expect(() => sim.setControl('faults.drop', 3)).toThrow(/faults.drop/);
    expect(() => sim.setControl('workload.orders', 3)).toThrow(/not a control/);
  });
});

describe('views and reports', () => {
  it('the view shows messages in flight, services and the ledger', () => {
    const sim = new Simulation(busy);
    sim.runUntil(400);
    const v = sim.view();
    expect(v.now).toBe(400);
    expect(Object.keys(v.services)).toEqual(['customer', 'order', 'payment', 'inventory', 'shipping', 'notification', 'analytics']);
    expect(v.inFlight.length).toBeGreaterThan(0);
    for (const f of v.inFlight) expect(f.dueAt).toBeGreaterThanOrEqual(f.sentAt);
    expect(v.orders.length).toBeGreaterThan(0);
  });

  it('tables() copies every service table out', () => {
    const sim = new Simulation(parseScenario({ seed: 2, remedies: { idempotentConsumer: true } }));
    sim.runToEnd();
    const t = sim.tables();
    expect((t.order.orders as unknown[]).length).toBe(20);
    expect((t.payment.payments as unknown[]).length).toBe(20);
    expect((t.payment.processed as unknown[]).length).toBe(20);
    expect(Object.keys(t.shipping.shipments as object).length).toBe(20);
    (t.order.orders as { state: string }[])[0].state = 'Cancelled';
    expect(sim.s.order.orders.get('o1')!.state).toBe('Shipped');
  });

  it('every anomaly names orders and messages that exist in the run', () => {
    const r0 = new Simulation(parseScenario({ seed: 3, faults: { duplicate: 0.3, crashAfterCommit: 0.1, drop: 0.1 } }));
    r0.runToEnd();
    const r = r0.report();
    const ids = new Set(r.orders.map((o) => o.id));
    expect(r.anomalyList.length).toBeGreaterThan(0);
    for (const a of r.anomalyList) {
      expect(a.orderIds.length).toBeGreaterThan(0);
      for (const o of a.orderIds) expect(ids.has(o)).toBe(true);
      for (const m of a.messageIds) expect(r0.s.messages.has(m)).toBe(true);
      expect(a.explanation).toMatch(/^[A-Z].+\.$/);
    }
  });

  it('ends at durationMs when the run never settles (a poison message without a DLQ)', () => {
    const r = runScenario(parseScenario({ seed: 1, faults: { poison: 0.3 }, durationMs: 5000 }));
    expect(r.quiescent).toBe(false);
    expect(r.endTimeMs).toBeLessThanOrEqual(5000);
    expect(r.metrics.retries).toBeGreaterThan(100);
  });
});
