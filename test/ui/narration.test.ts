/**
 * The narration: one sentence per trace event kind, naming the order it is about, never leaking
 * "undefined"; one sentence per step that leads with the harm; and a quiet digest for the live
 * region. Checked on hand-made events of every kind and on real runs across seeds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/sim/engine';
import { parseScenario } from '../../src/sim/scenario';
import type { Message, TraceEvent } from '../../src/sim/types';
import { narrateEvent, narrateStep, newsworthiness, summariseStretch } from '../../src/ui/narration';

const msg: Message = {
  id: 'm7',
  type: 'ChargePayment',
  topic: 'payment.commands',
  key: 'o3',
  orderId: 'o3',
  requestId: 'r3',
  from: 'order',
  sentAt: 10,
  lamport: 4,
  seq: 1,
  poison: false,
  payload: {},
};
const lookup = new Map([[msg.id, msg]]);

/** One event of every kind; the Record type makes the compiler insist on each kind. */
const SAMPLES: { [K in TraceEvent['kind']]: [Extract<TraceEvent, { kind: K }>, RegExp] } = {
  publish: [{ t: 1, kind: 'publish', msg, partition: 0, deliverAt: 20, via: 'outbox' }, /^Order published ChargePayment for o3 through its outbox\.$/],
  drop: [{ t: 1, kind: 'drop', msg }, /^ChargePayment for o3 was lost before the broker stored it\.$/],
  deliver: [{ t: 1, kind: 'deliver', msgId: 'm7', orderId: 'o3', topic: 'payment.commands', to: 'payment', attempt: 1, duplicate: true, partition: 0 }, /^Payment received ChargePayment for o3 — a duplicate copy\.$/],
  ack: [{ t: 1, kind: 'ack', msgId: 'm7', to: 'payment' }, /^Payment finished ChargePayment for o3 and acknowledged it\.$/],
  absorbed: [{ t: 1, kind: 'absorbed', msgId: 'm7', to: 'payment', why: 'dedup' }, /^Payment ignored ChargePayment for o3: it had already processed/],
  buffered: [{ t: 1, kind: 'buffered', msgId: 'm7', to: 'payment' }, /^Payment held ChargePayment for o3 back/],
  handlerFailed: [{ t: 1, kind: 'handlerFailed', msgId: 'm7', to: 'payment', attempt: 2, retryAt: 41.6 }, /^Payment failed to handle ChargePayment for o3 \(attempt 2\) and will try again at 42 ms\.$/],
  deadLettered: [{ t: 1, kind: 'deadLettered', msgId: 'm7', to: 'payment', orderId: 'o3' }, /dead-letter queue: it now waits for a human\.$/],
  crash: [{ t: 1, kind: 'crash', service: 'payment', why: 'crashAfterCommit', msgId: 'm7', lostPublishes: ['m8', 'm9'] }, /^Payment crashed after saving its work but before publishing, and 2 events were never sent\.$/],
  restart: [{ t: 1, kind: 'restart', service: 'inventory' }, /^Inventory restarted\.$/],
  state: [{ t: 1, kind: 'state', orderId: 'o3', from: 'PendingPayment', to: 'PaymentAuthorized', cause: null }, /^Order o3 moved from pending payment to paid\.$/],
  charge: [{ t: 1, kind: 'charge', orderId: 'o3', chargeId: 'c1', amount: 40, key: null, replayed: false, replyLost: true }, /^Payment charged o3 \$40 — the reply was lost\.$/],
  refund: [{ t: 1, kind: 'refund', orderId: 'o3', chargeId: 'c1', amount: 40 }, /^The provider refunded \$40 to o3\.$/],
  stock: [{ t: 1, kind: 'stock', orderId: 'o3', delta: -1, available: 9, instance: 1, why: 'reserve' }, /^Inventory 2 took 1 from stock for o3 \(reserve\); 9 left\.$/],
  email: [{ t: 1, kind: 'email', orderId: 'o3', template: 'cancelled', msgId: 'm7' }, /^The customer of o3 was emailed: order cancelled\.$/],
  shipment: [{ t: 1, kind: 'shipment', orderId: 'o3', ok: false }, /^The warehouse could not ship o3\.$/],
  reconcile: [{ t: 1, kind: 'reconcile', orderId: 'o3', action: 're-sent ShipOrder for o3' }, /^The reconciler re-sent ShipOrder for o3\.$/],
  control: [{ t: 1, kind: 'control', path: 'remedies.outbox', value: true }, /^Transactional outbox was set to on\.$/],
  request: [{ t: 1, kind: 'request', requestId: 'r3', attempt: 2, msgId: 'm7' }, /^The customer sent request r3 again \(attempt 2\)\.$/],
  whatIf: [{ t: 1, kind: 'whatIf', msgId: 'm7', to: 'payment', action: 'delay', ms: 50 }, /^By hand: delayed by 50 ms ChargePayment for o3 \(Payment's copy\)\.$/],
};

describe('one sentence per event kind', () => {
  for (const [kind, [event, expected]] of Object.entries(SAMPLES)) {
    it(kind, () => {
      expect(narrateEvent(event as TraceEvent, lookup)).toMatch(expected);
    });
  }

  it('an unknown message id still gives a whole sentence', () => {
    expect(narrateEvent({ t: 1, kind: 'ack', msgId: 'zz', to: 'order' }, new Map())).toBe('Order finished a message for an order and acknowledged it.');
  });

  it('a message sent before its order exists is named by its request', () => {
    const early: Message = { ...msg, type: 'PlaceOrder', orderId: null, from: 'customer' };
    expect(narrateEvent({ t: 1, kind: 'drop', msg: early }, lookup)).toBe('PlaceOrder for request r3 was lost before the broker stored it.');
  });
});

describe('a step in one sentence', () => {
  it('leads with the harm and counts the rest', () => {
    const events: TraceEvent[] = [SAMPLES.publish[0], SAMPLES.charge[0], SAMPLES.ack[0]];
    expect(narrateStep(events, lookup)).toBe('Payment charged o3 $40 — the reply was lost. (+2 more events)');
  });

  it('the first of equally newsworthy events wins; a lone event is told as is', () => {
    expect(narrateStep([SAMPLES.drop[0], SAMPLES.crash[0]], lookup)).toMatch(/^ChargePayment for o3 was lost.*\(\+1 more event\)$/);
    expect(narrateStep([SAMPLES.restart[0]], lookup)).toBe('Inventory restarted.');
    expect(narrateStep([], lookup)).toBeNull();
  });

  it('ranks a crash above an ordinary delivery and an ack lowest', () => {
    expect(newsworthiness(SAMPLES.crash[0])).toBeGreaterThan(newsworthiness({ ...SAMPLES.deliver[0], duplicate: false }));
    for (const [, [e]] of Object.entries(SAMPLES)) expect(newsworthiness(e as TraceEvent)).toBeGreaterThanOrEqual(newsworthiness(SAMPLES.ack[0]));
  });
});

describe('the live-region digest', () => {
  it('is silent when nothing of note happened', () => {
    expect(summariseStretch([SAMPLES.publish[0], SAMPLES.ack[0]])).toBeNull();
  });

  it('names crashes, losses, dead letters, alerts and outcomes', () => {
    const events: TraceEvent[] = [
      SAMPLES.crash[0],
      SAMPLES.crash[0],
      SAMPLES.drop[0],
      SAMPLES.deadLettered[0],
      ...['o1', 'o2', 'o3', 'o4'].map((id): TraceEvent => ({ t: 2, kind: 'state', orderId: id, from: 'PaymentAuthorized', to: 'Confirmed', cause: null })),
      { t: 3, kind: 'state', orderId: 'o9', from: 'Confirmed', to: 'RequiresManualReview', cause: null },
    ];
    expect(summariseStretch(events, [{ title: 'Dead letters waiting' }])).toBe(
      'Payment crashed 2 times; 1 message was lost; 1 dead-lettered; alert: Dead letters waiting; confirmed: o1, o2, o3 and 1 more; manual review: o9.',
    );
  });
});

describe('real runs', () => {
  const everything = { drop: 0.1, duplicate: 0.2, reorder: 0.2, crashAfterCommit: 0.05, crashBeforeAck: 0.05, paymentTimeout: 0.2, clientRetry: 0.2, poison: 0.05, clockSkewMs: 300, raceWindowMs: 20 };

  it('every event of a run reads as a whole sentence about its order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.boolean(), (seed, healing) => {
        const sim = new Simulation(
          parseScenario({
            seed,
            workload: { orders: 8, cancelRatio: 0.3 },
            inventory: { stock: 5 },
            faults: everything,
            remedies: healing ? { outbox: true, idempotentConsumer: true, ordering: 'versioned', retries: true, deadLetterQueue: true, saga: true, reconciliation: true } : {},
            durationMs: 8000,
          }),
        );
        const messages = new Map<string, Message>();
        sim.subscribe((e) => {
          if (e.kind === 'publish' || e.kind === 'drop') messages.set(e.msg.id, e.msg);
        });
        sim.runToEnd();
        for (const e of sim.trace) {
          const s = narrateEvent(e, messages);
          expect(s).toMatch(/^[A-Z].*[.]$/);
          expect(s).not.toMatch(/undefined|NaN|null|\[object/);
          if ('orderId' in e && e.orderId && e.kind !== 'reconcile') expect(s).toContain(e.orderId);
        }
      }),
      { numRuns: 12 },
    );
  });
});
