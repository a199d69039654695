/**
 * The small parts: seeded PRNG, scheduler ordering, backoff, hashing.
 */
import { describe, expect, it } from 'vitest';
import { backoff, hashKey } from '../../src/sim/bus';
import { TraceHasher } from '../../src/sim/hash';
import { Rng } from '../../src/sim/prng';
import type { SimEvent } from '../../src/sim/events';
import { Scheduler } from '../../src/sim/scheduler';

describe('Rng', () => {
  it('is reproducible from its seed and differs across seeds', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const xs = Array.from({ length: 5 }, () => a.u32());
    expect(Array.from({ length: 5 }, () => b.u32())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.u32())).not.toEqual(xs);
  });

  it('floats stay in [0, 1) and look uniform', () => {
    const r = new Rng(1);
    let sum = 0;
    for (let i = 0; i < 20000; i++) {
      const x = r.float();
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
    }
    expect(sum / 20000).toBeGreaterThan(0.48);
    expect(sum / 20000).toBeLessThan(0.52);
  });

  it('chance(0) consumes no randomness, so a fault at 0 changes nothing', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    a.chance(0);
    expect(a.u32()).toBe(b.u32());
  });
});

describe('Scheduler', () => {
  /** A data event naming `label`; the scheduler only orders events, the caller runs them. */
  const ev = (label: string): SimEvent => ({ kind: 'timer', svc: 'order', event: { type: label } });
  const label = (e: SimEvent): string => (e.kind === 'timer' ? e.event.type : e.kind);

  it('hands events back by time, ties in insertion order', () => {
    const s = new Scheduler();
    const seen: string[] = [];
    s.at(5, ev('b'));
    s.at(1, ev('a'));
    s.at(5, ev('c'));
    s.at(3, ev('spawn'));
    for (let e = s.next(); e; e = s.next()) {
      if (label(e) === 'spawn') s.at(3, ev('d'));
      else seen.push(label(e));
    }
    expect(seen).toEqual(['a', 'd', 'b', 'c']);
    expect(s.now).toBe(5);
  });

  it('never schedules into the past, and housekeeping does not count as work', () => {
    const s = new Scheduler();
    s.at(10, ev('late'));
    s.at(20, ev('tick'), true);
    expect(s.busy).toBe(true);
    s.next();
    s.at(2, ev('past'));
    expect(s.next()).toEqual(ev('past'));
    expect(s.now).toBe(10);
    expect(s.busy).toBe(false);
    expect(s.size).toBe(1);
  });

  it('keeps heap order across many random inserts', () => {
    const s = new Scheduler();
    const r = new Rng(3);
    const times: number[] = [];
    for (let i = 0; i < 500; i++) s.at(r.int(1000), ev('x'));
    while (s.next()) times.push(s.now);
    expect(times).toHaveLength(500);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});

describe('backoff and hashing', () => {
  it('backoff grows, is capped, and stays positive', () => {
    const r = new Rng(1);
    const d = [1, 2, 3, 4, 10, 30].map((n) => backoff(n, r));
    expect(d[1]).toBeGreaterThanOrEqual(50);
    for (const x of d) expect(x).toBeGreaterThan(0);
    expect(Math.max(...d)).toBeLessThanOrEqual(2000);
  });

  it('hashes are stable: known inputs give the values every earlier run gave', () => {
    // Pinned values: a change to the hash would silently re-partition orders and break
    // every trace hash in links and pins, so it must show up here first.
    const h = new TraceHasher();
    h.update('abc');
    expect(h.digest()).toBe('1a47e90ba161f39d');
    const g = new TraceHasher();
    g.str('ab');
    g.str('c');
    g.num(1234);
    g.num(2 ** 40 + 5);
    expect(g.digest()).toBe('bf702ac4a6805bcd');
    expect([hashKey('o1'), hashKey('o2'), hashKey('r1')]).toEqual([540264829, 489931972, 206831020]);
  });

  it('hashes tell apart inputs that differ only in where one string ends', () => {
    const a = new TraceHasher();
    a.str('ab');
    a.str('c');
    const b = new TraceHasher();
    b.str('a');
    b.str('bc');
    expect(a.digest()).not.toBe(b.digest());
  });
});
