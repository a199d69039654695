/**
 * Each per-message what-if on a small run: what it does to the message, what the learner then
 * sees in the report, and that the recorded scenario replays it exactly.
 */
import { describe, expect, it } from 'vitest';
import { Simulation, seek } from '../../src/sim/engine';
import { parseScenario, ScenarioError } from '../../src/sim/scenario';
import type { MessageType, Scenario, TraceEvent } from '../../src/sim/types';
import { WhatIfError } from '../../src/sim/whatIf';

const small = (extra: Record<string, unknown> = {}): Scenario => parseScenario({ seed: 3, workload: { orders: 1 }, ...extra });

/** Steps until a message of this type has been published; returns its id. */
function untilPublished(sim: Simulation, type: MessageType): string {
  for (;;) {
    const e = sim.trace.find((x) => x.kind === 'publish' && x.msg.type === type);
    if (e?.kind === 'publish') return e.msg.id;
    if (!sim.step()) throw new Error(`no ${type} was published`);
  }
}

/** Steps until a copy of `msgId` waits in a partition (stored, not yet handed to its consumer). */
function untilQueued(sim: Simulation, msgId: string, to: string): void {
  while (!sim.whatIfTargets().some((o) => o.target.msg === msgId && o.target.to === to && o.where === 'partition')) {
    if (!sim.step()) throw new Error(`${msgId} never waited for ${to}`);
  }
}

const kinds = (sim: Simulation) => sim.report().anomalyList.map((a) => a.kind);
const of = (sim: Simulation, kind: TraceEvent['kind'], msgId: string) =>
  sim.trace.filter((e) => e.kind === kind && ('msgId' in e ? e.msgId === msgId : 'msg' in e && e.msg.id === msgId));

/** The recorded scenario, replayed from scratch, gives the live run's trace and report. */
function replaysExactly(live: Simulation): void {
  const replay = new Simulation(parseScenario(JSON.parse(JSON.stringify(live.scenario))));
  replay.runToEnd();
  expect(replay.traceHash()).toBe(live.traceHash());
  expect(JSON.stringify(replay.report())).toBe(JSON.stringify(live.report()));
}

describe('per-message what-ifs', () => {
  it('duplicating a ChargePayment in transit charges the card twice without idempotency, once with it', () => {
    const live = new Simulation(small());
    const charge = untilPublished(live, 'ChargePayment');
    expect(live.availableWhatIfs({ msg: charge })).toContain('duplicate');
    live.whatIf({ msg: charge, action: 'duplicate' });
    live.runToEnd();
    expect(of(live, 'deliver', charge)).toHaveLength(2);
    expect(live.report().ledger.charges).toBe(2);
    expect(kinds(live)).toContain('doubleCharge');
    expect(live.report().metrics.duplicated).toBe(1);
    replaysExactly(live);

    const healed = new Simulation(small({ remedies: { idempotentConsumer: true } }));
    healed.whatIf({ msg: untilPublished(healed, 'ChargePayment'), action: 'duplicate' });
    healed.runToEnd();
    expect(healed.report().ledger.charges).toBe(1);
    expect(healed.report().healed.duplicatesAbsorbed).toBeGreaterThan(0);
    expect(kinds(healed)).not.toContain('doubleCharge');
  });

  it('dropping a PlaceOrder in transit loses that request, as the drop fault would; the customer asks again', () => {
    const live = new Simulation(small());
    const place = untilPublished(live, 'PlaceOrder');
    live.whatIf({ msg: place, action: 'drop' });
    live.runToEnd();
    expect(of(live, 'drop', place)).toHaveLength(1);
    expect(of(live, 'deliver', place)).toHaveLength(0);
    expect(live.report().metrics.dropped).toBe(1);
    // No reply came, so the customer's request timed out and it sent the request again.
    const resent = live.trace.filter((e) => e.kind === 'request' && e.attempt === 2);
    expect(resent).toHaveLength(1);
    expect(live.report().orders).toMatchObject([{ id: 'o1', requestId: 'r1' }]);
    expect(live.trace.find((e) => e.kind === 'state')?.t).toBeGreaterThan(resent[0].t);
    // The what-if itself is in the trace, ahead of its effect.
    const at = live.trace.findIndex((e) => e.kind === 'whatIf');
    expect(live.trace[at]).toMatchObject({ kind: 'whatIf', msgId: place, to: null, action: 'drop', ms: null });
    expect(live.trace[at + 1]).toMatchObject({ kind: 'drop' });
    replaysExactly(live);
  });

  it('an outbox publishes a message again when a what-if drops it in transit', () => {
    const live = new Simulation(small({ remedies: { outbox: true } }));
    const charge = untilPublished(live, 'ChargePayment');
    live.whatIf({ msg: charge, action: 'drop' });
    live.runToEnd();
    expect(live.report().healed.republished).toBeGreaterThan(0);
    expect(of(live, 'deliver', charge).length).toBeGreaterThan(0);
    expect(live.report().ledger.charges).toBe(1);
    replaysExactly(live);
  });

  it('dropping one consumer copy stored in a partition loses it for that consumer only', () => {
    const live = new Simulation(small());
    const charge = untilPublished(live, 'ChargePayment');
    untilQueued(live, charge, 'payment');
    live.whatIf({ msg: charge, to: 'payment', action: 'drop' });
    live.runToEnd();
    expect(of(live, 'drop', charge)).toMatchObject([{ to: 'payment' }]);
    expect(of(live, 'deliver', charge)).toHaveLength(0);
    expect(live.report().ledger.charges).toBe(0);
    expect(live.report().orders[0].state).toBe('PendingPayment');
    replaysExactly(live);
  });

  it('delaying a message in transit stores it that much later; delaying a stored copy lets later ones overtake it', () => {
    const base = new Simulation(small());
    const charge = untilPublished(base, 'ChargePayment');
    base.runToEnd();
    const baseAt = of(base, 'deliver', charge)[0].t;

    const live = new Simulation(small());
    untilPublished(live, 'ChargePayment');
    live.whatIf({ msg: charge, action: 'delay', ms: 400 });
    live.runToEnd();
    expect(of(live, 'deliver', charge)[0].t).toBe(baseAt + 400);
    replaysExactly(live);

    const queued = new Simulation(small());
    untilPublished(queued, 'ChargePayment');
    untilQueued(queued, charge, 'payment');
    const t0 = queued.now;
    queued.whatIf({ msg: charge, to: 'payment', action: 'delay', ms: 250 });
    queued.runToEnd();
    expect(of(queued, 'deliver', charge)[0].t).toBeGreaterThanOrEqual(t0 + 250);
    replaysExactly(queued);
  });

  it('delivering now skips the rest of the trip to the broker', () => {
    const live = new Simulation(small({ faults: { latencyMs: 500, jitterMs: 0 } }));
    const charge = untilPublished(live, 'ChargePayment');
    const t0 = live.now;
    live.whatIf({ msg: charge, action: 'deliverNow' });
    live.runToEnd();
    // Stored now; the consumer takes it within its 1 ms hand-over, not 500 ms later.
    expect(of(live, 'deliver', charge)[0].t).toBeLessThan(t0 + 500);
    replaysExactly(live);
  });

  it('delivering a waiting copy now lets it jump the queue of its partition', () => {
    // Five orders at once onto one Order partition: the last PlaceOrder waits behind the rest.
    const live = new Simulation(parseScenario({ seed: 2, workload: { orders: 5, intervalMs: 0 } }));
    let last: { msg: string; to?: string } | undefined;
    while (!last) {
      const waiting = live.whatIfTargets().filter((o) => o.msgType === 'PlaceOrder' && o.where === 'partition');
      if (waiting.length >= 3) last = waiting[waiting.length - 1].target;
      else if (!live.step()) throw new Error('the PlaceOrders never queued up');
    }
    const firstDeliveredBefore = live.trace.filter((e) => e.kind === 'deliver').length;
    live.whatIf({ msg: last.msg, to: 'order', action: 'deliverNow' });
    live.runToEnd();
    const next = live.trace.filter((e) => e.kind === 'deliver')[firstDeliveredBefore];
    expect(next).toMatchObject({ kind: 'deliver', msgId: last.msg, to: 'order' });
    replaysExactly(live);
  });

  it('crashing the receiver after commit or before ack: the process dies there and the message comes back', () => {
    const after = new Simulation(small());
    const charge = untilPublished(after, 'ChargePayment');
    after.whatIf({ msg: charge, to: 'payment', action: 'crashAfterCommit' });
    after.runToEnd();
    expect(after.trace.find((e) => e.kind === 'crash')).toMatchObject({ service: 'payment', why: 'crashAfterCommit', msgId: charge });
    expect(after.trace.filter((e) => e.kind === 'restart')).toHaveLength(1);
    expect(of(after, 'deliver', charge).map((e) => e.kind === 'deliver' && e.attempt)).toEqual([1, 2]);
    replaysExactly(after);

    // Order's handler publishes in its commit: crashing after it loses those publishes.
    const order = new Simulation(small());
    const place = untilPublished(order, 'PlaceOrder');
    order.whatIf({ msg: place, to: 'order', action: 'crashAfterCommit' });
    order.runToEnd();
    const crash = order.trace.find((e) => e.kind === 'crash');
    expect(crash).toMatchObject({ service: 'order', why: 'crashAfterCommit', msgId: place });
    expect(crash?.kind === 'crash' && crash.lostPublishes.length).toBeGreaterThan(0);
    replaysExactly(order);

    const beforeAck = new Simulation(small());
    untilPublished(beforeAck, 'ChargePayment');
    untilQueued(beforeAck, charge, 'payment');
    beforeAck.whatIf({ msg: charge, to: 'payment', action: 'crashBeforeAck' });
    beforeAck.runToEnd();
    expect(beforeAck.trace.find((e) => e.kind === 'crash')).toMatchObject({ service: 'payment', why: 'crashBeforeAck', msgId: charge });
    // The unacked ChargePayment comes back after the restart: without idempotency, a second charge.
    expect(of(beforeAck, 'deliver', charge).length).toBe(2);
    expect(kinds(beforeAck)).toContain('doubleCharge');
    replaysExactly(beforeAck);
  });

  it('a message its consumer is still handling can only be duplicated or have the crash arranged', () => {
    // With a race window, Inventory reads the stock, then writes and commits that much later.
    const live = new Simulation(small({ faults: { raceWindowMs: 200 } }));
    const reserve = untilPublished(live, 'ReserveStock');
    while (!live.trace.some((e) => e.kind === 'deliver' && e.msgId === reserve)) live.step();
    const option = live.whatIfTargets().find((o) => o.target.msg === reserve && o.target.to === 'inventory');
    expect(option).toMatchObject({ where: 'handling', actions: ['duplicate', 'crashAfterCommit', 'crashBeforeAck'] });
    expect(() => live.whatIf({ msg: reserve, to: 'inventory', action: 'drop' })).toThrow(/possible: duplicate, crashAfterCommit, crashBeforeAck/);
    const handedAt = live.now;
    live.whatIf({ msg: reserve, to: 'inventory', action: 'crashAfterCommit' });
    live.runToEnd();
    // The crash comes when Inventory commits, at the end of its window, not when it was arranged.
    const crash = live.trace.find((e) => e.kind === 'crash');
    expect(crash).toMatchObject({ service: 'inventory', why: 'crashAfterCommit', msgId: reserve });
    expect(crash!.t).toBe(handedAt + 200);
    replaysExactly(live);
  });

  it('refuses what is not possible now, saying why, and records nothing', () => {
    const sim = new Simulation(small());
    const charge = untilPublished(sim, 'ChargePayment');
    const before = sim.scenario.changes.length;
    expect(() => sim.whatIf({ msg: 'm999', action: 'drop' })).toThrow(WhatIfError);
    expect(() => sim.whatIf({ msg: 'm999', action: 'drop' })).toThrow(/m999 is not in transit/);
    expect(() => sim.whatIf({ msg: charge, to: 'shipping', action: 'drop' })).toThrow(/neither waiting for shipping/);
    // In transit, a consumer can only be set up to crash.
    expect(sim.availableWhatIfs({ msg: charge, to: 'payment' })).toEqual(['crashAfterCommit', 'crashBeforeAck']);
    expect(() => sim.whatIf({ msg: charge, to: 'payment', action: 'drop' })).toThrow(/possible: crashAfterCommit, crashBeforeAck/);
    expect(() => sim.whatIf({ msg: charge, to: 'customer', action: 'crashBeforeAck' })).toThrow(ScenarioError);
    expect(() => sim.whatIf({ msg: charge, action: 'delay', ms: 0 })).toThrow(/whatIf.ms/);
    expect(sim.scenario.changes).toHaveLength(before);
    sim.runToEnd();
    expect(sim.whatIfTargets()).toEqual([]);
    expect(() => sim.whatIf({ msg: charge, action: 'drop' })).toThrow(/run is over/);
  });

  it('lists the targets possible now, transit first, each with its actions', () => {
    const sim = new Simulation(small());
    const charge = untilPublished(sim, 'ChargePayment');
    const options = sim.whatIfTargets();
    expect(options.find((o) => o.target.msg === charge && o.target.to === undefined)).toMatchObject({
      msgType: 'ChargePayment',
      where: 'transit',
      actions: ['deliverNow', 'duplicate', 'drop', 'delay'],
    });
    for (const o of options) expect(sim.availableWhatIfs(o.target)).toEqual(o.actions);
  });

  it('a recorded what-if its replay cannot make is skipped and named by its change, not a crash', () => {
    const s = parseScenario({ seed: 3, workload: { orders: 1 }, changes: [{ atMs: 0, atEvent: 0, whatIf: { msg: 'm77', action: 'drop' } }] });
    const sim = new Simulation(s);
    sim.runToEnd();
    const r = sim.report();
    expect(r.skippedWhatIfs).toEqual([{ field: 'changes[0]', problem: 'message m77 is not in transit to the broker now (at event 0)' }]);
    expect(r.orders).toHaveLength(1);
    // Without what-ifs the report has no such field at all.
    expect('skippedWhatIfs' in new Simulation(small()).report()).toBe(false);
  });
});

describe('what-ifs and replay positions', () => {
  it('a replay offers the same targets, by the same message ids, at the same position', () => {
    const live = new Simulation(parseScenario({ seed: 9, workload: { orders: 4, intervalMs: 10 } }));
    const seen: { events: number; targets: string }[] = [];
    for (let i = 0; i < 6; i++) {
      for (let k = 0; k < 9; k++) live.step();
      const options = live.whatIfTargets();
      const o = options[i % Math.max(1, options.length)];
      if (o) live.whatIf({ ...o.target, action: o.actions[i % o.actions.length], ...(o.actions[i % o.actions.length] === 'delay' ? { ms: 90 } : {}) } as never);
      // A replay makes a change recorded here as soon as it reaches this position, so compare after it.
      seen.push({ events: live.eventsProcessed, targets: JSON.stringify(live.whatIfTargets()) });
    }
    expect(live.scenario.changes.length).toBeGreaterThan(3);
    const replay = new Simulation(live.scenario);
    for (const point of seen) {
      while (replay.eventsProcessed < point.events) replay.step();
      expect(JSON.stringify(replay.whatIfTargets())).toBe(point.targets);
    }
    live.runToEnd();
    replay.runToEnd();
    expect(replay.traceHash()).toBe(live.traceHash());
  });

  it('several what-ifs at one position keep their order; a seek past them makes all of them', () => {
    const live = new Simulation(small());
    const charge = untilPublished(live, 'ChargePayment');
    live.whatIf({ msg: charge, action: 'duplicate' });
    live.whatIf({ msg: charge, to: 'payment', action: 'crashBeforeAck' });
    live.setControl('remedies.idempotentConsumer', true);
    live.whatIf({ msg: charge, action: 'delay', ms: 100 });
    const at = live.eventsProcessed;
    expect(live.scenario.changes.map((c) => c.atEvent)).toEqual([at, at, at, at]);
    expect(live.scenario.changes.map((c) => c.whatIf?.action ?? c.path)).toEqual(['duplicate', 'crashBeforeAck', 'remedies.idempotentConsumer', 'delay']);
    live.runToEnd();
    const later = seek(live.scenario, live.now);
    expect(later.trace.filter((e) => e.kind === 'whatIf').map((e) => e.kind === 'whatIf' && e.action)).toEqual(['duplicate', 'crashBeforeAck', 'delay']);
    expect(later.traceHash()).toBe(live.traceHash());
  });
});

describe('what-ifs in scenario files', () => {
  const bad = (whatIf: unknown, extra: Record<string, unknown> = {}) => () => parseScenario({ changes: [{ atMs: 5, atEvent: 3, whatIf, ...extra }] });

  it('names the field of a malformed what-if', () => {
    expect(bad({ msg: 'x1', action: 'drop' })).toThrow('changes[0].whatIf.msg: must be a message id such as "m12"');
    expect(bad({ msg: 'm1', action: 'explode' })).toThrow(/changes\[0\]\.whatIf\.action: must be one of deliverNow/);
    expect(bad({ msg: 'm1', to: 'bank', action: 'drop' })).toThrow(/changes\[0\]\.whatIf\.to: must be a consuming service/);
    expect(bad({ msg: 'm1', action: 'crashAfterCommit' })).toThrow(/changes\[0\]\.whatIf\.to/);
    expect(bad({ msg: 'm1', action: 'delay' })).toThrow(/changes\[0\]\.whatIf\.ms/);
    expect(bad({ msg: 'm1', action: 'drop', ms: 5 })).toThrow('changes[0].whatIf.ms: only a "delay" takes a time');
    expect(bad({ msg: 'm1', action: 'drop', color: 'red' })).toThrow(/changes\[0\]\.whatIf\.color: unknown field/);
    expect(bad({ msg: 'm1', action: 'drop' }, { path: 'faults.drop' })).toThrow(/changes\[0\]\.path: unknown field/);
    expect(bad('drop')).toThrow(/changes\[0\]\.whatIf: must be an object/);
    expect(() => parseScenario({ changes: [{ atMs: 5, whatIf: { msg: 'm1', action: 'drop' } }] })).toThrow(/changes\[0\]\.atEvent: a what-if needs/);
  });

  it('reads a well-formed one, keeping settings and what-ifs in one ordered list', () => {
    const s = parseScenario({
      changes: [
        { atMs: 5, atEvent: 3, path: 'faults.drop', value: 0.5 },
        { atMs: 5, atEvent: 3, whatIf: { msg: 'm2', to: 'payment', action: 'delay', ms: 120 } },
      ],
    });
    expect(s.changes[1]).toEqual({ atMs: 5, atEvent: 3, whatIf: { msg: 'm2', to: 'payment', action: 'delay', ms: 120 } });
  });
});
