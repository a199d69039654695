/**
 * The event log's model: one line per trace event, tagged with its order, saying only what the
 * writing service could know; filters; and incremental reading across replays.
 */
import { describe, expect, it } from 'vitest';
import { Simulation, seek } from '../../src/sim/engine';
import { parseScenario } from '../../src/sim/scenario';
import { LogModel, NO_FILTER } from '../../src/ui/observability/logModel';

const dropping = parseScenario({ seed: 2, faults: { drop: 0.2, poison: 0.05 }, remedies: { retries: true, deadLetterQueue: true } });

function ended() {
  const sim = new Simulation(dropping);
  sim.runToEnd();
  const log = new LogModel();
  log.sync(sim.trace, dropping);
  return { sim, log };
}

describe('log lines', () => {
  it('one line per trace event, in trace order', () => {
    const { sim, log } = ended();
    expect(log.rows).toHaveLength(sim.trace.length);
    log.rows.forEach((r, i) => {
      expect(r.i).toBe(i);
      expect(r.t).toBe(sim.trace[i].t);
    });
  });

  it('a publish the broker lost reads like any other publish: the sender cannot tell', () => {
    const { sim, log } = ended();
    const drop = sim.trace.findIndex((e) => e.kind === 'drop');
    expect(drop).toBeGreaterThanOrEqual(0);
    const row = log.rows[drop];
    expect(row.type).toBe('published');
    expect(row.level).not.toBe('error');
    expect(row.text).toMatch(/^publish /);
    expect(row.text).not.toMatch(/drop|lost/i);
  });

  it('tags lines with their order, including the request that created it', () => {
    const { sim, log } = ended();
    const o = sim.view().orders[3];
    const rows = log.filter({ ...NO_FILTER, order: o.id });
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.every((r) => r.orderId === o.id || (r.orderId === null && r.requestId === o.requestId))).toBe(true);
    // The customer's request and the PlaceOrder message come before the order existed.
    expect(rows.some((r) => r.type === 'request')).toBe(true);
    expect(rows.some((r) => r.type === 'state' && r.text.includes('created'))).toBe(true);
  });

  it('"failures only" keeps failed handling, dead letters and other warnings', () => {
    const { log } = ended();
    const failures = log.filter({ ...NO_FILTER, failuresOnly: true });
    expect(failures.some((r) => r.type === 'failed')).toBe(true);
    expect(failures.some((r) => r.type === 'deadLetter')).toBe(true);
    expect(failures.every((r) => r.level !== 'info')).toBe(true);
  });

  it('filters by service, kind and text', () => {
    const { log } = ended();
    expect(log.filter({ ...NO_FILTER, source: 'payment' }).every((r) => r.source === 'payment')).toBe(true);
    expect(log.filter({ ...NO_FILTER, type: 'state' }).every((r) => r.type === 'state')).toBe(true);
    const search = log.filter({ ...NO_FILTER, search: 'chargepayment' });
    expect(search.length).toBeGreaterThan(0);
    expect(search.every((r) => r.text.includes('ChargePayment'))).toBe(true);
  });
});

describe('incremental reading', () => {
  it('filtering while the run grows equals filtering the finished run', () => {
    const sim = new Simulation(dropping);
    const live = new LogModel();
    const f = { ...NO_FILTER, failuresOnly: true };
    while (!sim.done) {
      sim.runUntil(sim.now + 97);
      live.sync(sim.trace, dropping);
      live.filter(f);
    }
    const { log } = ended();
    expect(live.filter(f)).toEqual(log.filter(f));
  });

  it('a replay to an earlier time truncates; a new scenario starts over', () => {
    const { sim, log } = ended();
    const early = seek(dropping, 1000);
    log.sync(early.trace, dropping);
    expect(log.rows).toHaveLength(early.trace.length);
    expect(log.rows.at(-1)!.t).toBeLessThanOrEqual(1000);
    log.sync(sim.trace, dropping);
    expect(log.rows).toHaveLength(sim.trace.length);
    const other = { ...dropping, seed: 9 };
    const fresh = seek(other, 500);
    log.sync(fresh.trace, other);
    expect(log.rows).toHaveLength(fresh.trace.length);
  });
});
