/**
 * The Chrome trace-event export: the shape Perfetto and chrome://tracing read, one named
 * track per service, one complete slice per message handled, properly nested per track.
 */
import { describe, expect, it } from 'vitest';
import { toChromeTrace, toMicros, TRACE_PID, type ChromeTraceEvent } from '../../src/share/traceExport';
import { SERVICES } from '../../src/sim/api';
import { Simulation } from '../../src/sim/engine';
import { parseScenario } from '../../src/sim/scenario';
import type { TraceEvent } from '../../src/sim/types';

function run(input: object): Simulation {
  const sim = new Simulation(parseScenario(input));
  sim.runToEnd();
  return sim;
}

const slices = (evs: ChromeTraceEvent[]) => evs.filter((e) => e.ph === 'X');

describe('Chrome trace export', () => {
  const sim = run({ seed: 7, workload: { orders: 12 }, faults: { duplicate: 0.3, crashBeforeAck: 0.05, paymentTimeout: 0.2 }, remedies: { retries: true } });
  const out = toChromeTrace(sim.trace, { name: 'Test', seed: 7, traceHash: sim.traceHash(), link: 'http://h/#v=1' });

  it('is plain JSON with traceEvents, and survives a JSON round trip', () => {
    const text = JSON.stringify(out);
    expect(JSON.parse(text)).toEqual(out);
    expect(Array.isArray(out.traceEvents)).toBe(true);
    expect(out.displayTimeUnit).toBe('ms');
    expect(out.otherData).toMatchObject({ producer: 'Eventually', seed: 7, traceHash: sim.traceHash(), scenario: 'Test' });
  });

  it('names the process and one thread per service, in catalogue order', () => {
    const meta = out.traceEvents.filter((e) => e.ph === 'M');
    expect(meta.find((e) => e.name === 'process_name')?.args?.name).toBe('Eventually: Test (seed 7)');
    const names = meta.filter((e) => e.name === 'thread_name').map((e) => e.args?.name as string);
    for (const s of SERVICES) expect(names).toContain(s);
    const main = meta.filter((e) => e.name === 'thread_name' && SERVICES.includes(e.args?.name as never));
    expect(main.map((e) => e.args?.name)).toEqual(SERVICES);
    for (const e of meta) {
      expect(e.pid).toBe(TRACE_PID);
      expect(e.ts).toBeUndefined();
    }
  });

  it('has one complete slice per delivery, deliver → ack, with µs of virtual time', () => {
    const delivers = sim.trace.filter((e): e is Extract<TraceEvent, { kind: 'deliver' }> => e.kind === 'deliver');
    const xs = slices(out.traceEvents);
    expect(xs.length).toBe(delivers.length);
    for (const x of xs) {
      expect(x).toMatchObject({ ph: 'X', pid: TRACE_PID });
      expect(typeof x.name).toBe('string');
      expect(Number.isFinite(x.ts)).toBe(true);
      expect(x.dur).toBeGreaterThanOrEqual(0);
      expect(typeof x.tid).toBe('number');
      expect(x.args?.msgId).toMatch(/^m\d+$/);
    }
    // A specific acked delivery: starts at the deliver time, ends at the ack.
    const d = delivers.find((e) => sim.trace.some((a) => a.kind === 'ack' && a.msgId === e.msgId && a.to === e.to && a.t > e.t))!;
    const ack = sim.trace.find((a) => a.kind === 'ack' && a.msgId === d.msgId && a.to === d.to && a.t >= d.t)!;
    const x = xs.find((s) => s.args?.msgId === d.msgId && s.ts === toMicros(d.t) && s.args?.outcome === 'ack')!;
    expect(x).toBeDefined();
    expect(x.dur).toBeCloseTo(toMicros(ack.t) - toMicros(d.t), 6);
    expect(x.cat).toBe(d.topic);
    const threadName = out.traceEvents.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.tid === x.tid)?.args?.name as string;
    expect(threadName.startsWith(d.to)).toBe(true);
  });

  it('names each slice after the message type, with its order and attempt', () => {
    const x = slices(out.traceEvents).find((s) => s.name === 'ChargePayment');
    expect(x?.args).toMatchObject({ from: 'order', attempt: expect.any(Number), partition: expect.any(Number) });
    expect(x?.args?.orderId).toMatch(/^o\d+$/);
  });

  it('keeps slices on each track properly nested (overlaps go to overlap lanes)', () => {
    const byTid = new Map<number, ChromeTraceEvent[]>();
    for (const x of slices(out.traceEvents)) byTid.set(x.tid, [...(byTid.get(x.tid) ?? []), x]);
    for (const [, xs] of byTid) {
      const sorted = [...xs].sort((a, b) => a.ts! - b.ts!);
      for (let i = 1; i < sorted.length; i++) expect(sorted[i].ts!).toBeGreaterThanOrEqual(sorted[i - 1].ts! + sorted[i - 1].dur! - 1e-6);
    }
  });

  it('marks crashes and restarts as instants on the service track', () => {
    const crashes = sim.trace.filter((e) => e.kind === 'crash').length;
    expect(out.traceEvents.filter((e) => e.ph === 'i' && e.name.startsWith('crash')).length).toBe(crashes);
    expect(out.traceEvents.filter((e) => e.ph === 'i' && e.name === 'restart').length).toBe(sim.trace.filter((e) => e.kind === 'restart').length);
  });

  it('sorts timed events by start', () => {
    const timed = out.traceEvents.filter((e) => e.ph !== 'M');
    for (let i = 1; i < timed.length; i++) expect(timed[i].ts!).toBeGreaterThanOrEqual(timed[i - 1].ts!);
  });

  it('closes a handling still open at the playhead as "unfinished"', () => {
    // Inventory reads, waits out the race window, then writes: its handling spans events, so
    // the playhead can stop inside it (most handlers ack in the same step as the delivery).
    const s = new Simulation(parseScenario({ seed: 2, workload: { orders: 3 }, faults: { raceWindowMs: 40 } }));
    const isReserve = (e: TraceEvent) => e.kind === 'deliver' && e.to === 'inventory';
    while (!s.trace.some(isReserve)) expect(s.step()).toBe(true);
    const msgId = (s.trace.find(isReserve) as Extract<TraceEvent, { kind: 'deliver' }>).msgId;
    expect(s.trace.some((e) => e.kind === 'ack' && e.msgId === msgId)).toBe(false);
    const open = toChromeTrace(s.trace, { seed: 2 });
    const unfinished = slices(open.traceEvents).filter((x) => x.args?.outcome === 'unfinished');
    expect(unfinished.map((x) => x.args?.msgId)).toEqual([msgId]);
    expect(unfinished[0].name).toBe('ReserveStock');
  });

  it('handles an empty trace', () => {
    const empty = toChromeTrace([], { seed: 1 });
    expect(slices(empty.traceEvents)).toEqual([]);
    expect(empty.traceEvents.filter((e) => e.name === 'thread_name').length).toBe(SERVICES.length);
  });
});
