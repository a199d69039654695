/**
 * The statechart's definition → graph conversion and its layout, on the engine's machines
 * and on a synthetic machine with what they lack: nested and parallel states, final states,
 * eventless and delayed transitions, guards written three ways, and fault points in `meta`.
 */
import { describe, expect, test } from 'vitest';
import { setup } from 'xstate';
import { consumerMachine } from '../../src/sim/machines/consumerMachine';
import { orderMachine } from '../../src/sim/machines/orderMachine';
import { outboxRelayMachine } from '../../src/sim/machines/outboxRelayMachine';
import { layoutGraph } from '../../src/ui/statechart/chartLayout';
import { activeStateIds, findTransition, guardVerdict, type MachineGraph, machineToGraph } from '../../src/ui/statechart/machineGraph';

const synthetic = setup({
  types: { events: {} as { type: 'GO' } | { type: 'STOP' } | { type: 'PAY' } | { type: 'DONE' } },
  guards: { isBig: () => true, isSmall: () => false },
}).createMachine({
  id: 'checkout',
  initial: 'browsing',
  states: {
    browsing: {
      on: { GO: { target: 'paying', meta: { faultPoints: ['crashBeforeAck'] } } },
    },
    paying: {
      initial: 'card',
      meta: { faultPoints: ['paymentTimeout'] },
      on: { STOP: 'browsing' },
      states: {
        card: {
          on: {
            PAY: [{ guard: 'isBig', target: 'review' }, { guard: { type: 'isSmall' }, target: 'approved' }, { target: 'approved' }],
          },
        },
        review: { after: { 500: 'approved' } },
        approved: { always: { target: '#checkout.done' } },
      },
    },
    shipping: {
      type: 'parallel',
      states: {
        box: { initial: 'open', states: { open: { on: { DONE: 'closed' } }, closed: { type: 'final' } } },
        label: { initial: 'blank', states: { blank: { on: { DONE: { target: 'printed', guard: function labelReady() { return true; } } } }, printed: {} } },
      },
    },
    done: { type: 'final' },
  },
});

function edges(g: MachineGraph): string[] {
  return g.transitions.map((t) => `${t.source} -${t.label}${t.guard ? `[${t.guard}]` : ''}-> ${t.target}`);
}

describe('machineToGraph', () => {
  test('the order saga: every state, every state-changing transition, guards in order', () => {
    const g = machineToGraph(orderMachine);
    expect(g.id).toBe('order');
    expect(g.states.map((s) => s.key)).toEqual(Object.keys(orderMachine.config.states ?? {}));
    expect(g.states.filter((s) => s.initial).map((s) => s.key)).toEqual(['PendingPayment']);
    expect(g.states.every((s) => s.parent === null && s.kind === 'atomic')).toBe(true);
    // Counted from the definition object itself, not restated: each `on` entry, each candidate of an array.
    let withTarget = 0;
    let without = 0;
    for (const st of Object.values(orderMachine.config.states ?? {})) {
      for (const v of Object.values(st.on ?? {})) {
        for (const c of Array.isArray(v) ? v : [v]) typeof c === 'string' || c.target ? withTarget++ : without++;
      }
    }
    expect(g.transitions).toHaveLength(withTarget);
    expect(g.states.flatMap((s) => s.internal)).toHaveLength(without);
    expect(edges(g)).toContain('order.PaymentAuthorized -STOCK_REJECTED[saga]-> order.RefundPending');
    expect(edges(g)).toContain('order.PaymentAuthorized -STOCK_REJECTED-> order.Cancelled');
    const rejected = g.transitions.filter((t) => t.source === 'order.PaymentAuthorized' && t.event === 'STOCK_REJECTED');
    expect(rejected.map((t) => [t.order, t.guard])).toEqual([
      [0, 'saga'],
      [1, null],
    ]);
    expect(g.transitions.find((t) => t.event === 'PAYMENT_CAPTURED' && t.source === 'order.PendingPayment')?.actions).toEqual(['send(ReserveStock)']);
    // Late arrivals with the saga on only release stock: drawn inside the state, not as edges.
    const cancelled = g.states.find((s) => s.key === 'Cancelled');
    expect(cancelled?.internal.map((t) => `${t.label}[${t.guard}]`)).toEqual(['STOCK_RESERVED[saga]']);
  });

  test('the consumer loop: each crash branch is its own edge into down, with its guard, actions and fault point', () => {
    const g = machineToGraph(consumerMachine);
    expect(g.states.map((s) => `${s.key}${s.initial ? '*' : ''}`)).toEqual(['up*', 'down']);
    expect(edges(g)).toEqual([
      'consumer.up -DELIVER[crashAfterCommit]-> consumer.down',
      'consumer.up -DELIVER[crashBeforeAck]-> consumer.down',
      'consumer.up -FINISH[crashAfterCommit]-> consumer.down',
      'consumer.up -FINISH[crashBeforeAck]-> consumer.down',
      'consumer.up -LOCAL[crashAfterCommit]-> consumer.down',
      'consumer.down -RESTART-> consumer.up',
    ]);
    const branch = (event: string, guard: string) => g.transitions.find((t) => t.event === event && t.guard === guard);
    // The actions say exactly how far the work got before the crash.
    expect(branch('DELIVER', 'crashAfterCommit')?.actions).toEqual(['commit', 'crash']);
    expect(branch('DELIVER', 'crashBeforeAck')?.actions).toEqual(['commit', 'publish', 'crash']);
    expect(branch('DELIVER', 'crashAfterCommit')?.faultPoints).toEqual(['crashAfterCommit']);
    expect(branch('DELIVER', 'crashBeforeAck')?.faultPoints).toEqual(['crashBeforeAck']);
    expect(g.transitions.find((t) => t.event === 'RESTART')?.actions).toEqual(['recover']);
    // The branches that stay up are listed inside `up`, in the order their guards are tried.
    expect(g.states[0].internal.filter((t) => t.event === 'DELIVER').map((t) => t.guard)).toEqual([
      'poison',
      'alreadyProcessed',
      'olderVersion',
      'tooEarly',
      'handlerFailed',
      'secondStepLater',
      null,
    ]);
    expect(g.states[0].internal.find((t) => t.event === 'DELIVER' && t.guard === null)?.actions).toEqual(['commit', 'publish', 'ack', 'drainBuffer']);
    // Every guard before a crash branch was false: the chart can say so.
    expect(guardVerdict(g, branch('DELIVER', 'crashBeforeAck')!)).toBe(
      'guard poison was false, guard alreadyProcessed was false, guard olderVersion was false, guard tooEarly was false, guard handlerFailed was false, guard secondStepLater was false, guard crashAfterCommit was false, guard crashBeforeAck was true',
    );
  });

  test('the outbox relay: transitions on the machine itself are drawn from every state that can take them', () => {
    const g = machineToGraph(outboxRelayMachine);
    expect(g.states.map((s) => `${s.key}${s.initial ? '*' : ''}${s.kind === 'final' ? '!' : ''}`)).toEqual(['pending*', 'inflight', 'stored!']);
    expect(edges(g)).toEqual([
      'outboxRelay.pending -PUBLISH-> outboxRelay.inflight',
      'outboxRelay.pending -RETRY-> outboxRelay.inflight',
      'outboxRelay.inflight -RESTART-> outboxRelay.pending',
      // The broker's ack, declared once on the machine, ends a row wherever it is.
      'outboxRelay.pending -STORED-> outboxRelay.stored',
      'outboxRelay.inflight -STORED-> outboxRelay.stored',
    ]);
    expect(g.transitions.find((t) => t.source === 'outboxRelay.inflight' && t.event === 'STORED')?.actions).toEqual(['deleteRow']);
    // A lost publish keeps the row where it is and sets a retry: a fault point inside each live state.
    for (const key of ['pending', 'inflight']) {
      const lost = g.states.find((s) => s.key === key)?.internal.find((t) => t.event === 'LOST');
      expect(lost?.actions).toEqual(['scheduleRetry']);
      expect(lost?.faultPoints).toEqual(['drop']);
    }
    expect(g.states.find((s) => s.key === 'stored')?.internal).toEqual([]);
  });

  test('a synthetic machine: nesting, parallel regions, final states, always, after, guards, fault points', () => {
    const g = machineToGraph(synthetic);
    const byPath = Object.fromEntries(g.states.map((s) => [s.path, s]));
    expect(Object.keys(byPath)).toEqual([
      'browsing',
      'paying',
      'paying.card',
      'paying.review',
      'paying.approved',
      'shipping',
      'shipping.box',
      'shipping.box.open',
      'shipping.box.closed',
      'shipping.label',
      'shipping.label.blank',
      'shipping.label.printed',
      'done',
    ]);
    expect(byPath.paying.kind).toBe('compound');
    expect(byPath.shipping.kind).toBe('parallel');
    expect(byPath['shipping.box.closed'].kind).toBe('final');
    expect(byPath.done.kind).toBe('final');
    expect(byPath['paying.card'].parent).toBe('checkout.paying');
    expect(byPath['paying.card'].depth).toBe(1);
    expect(byPath['paying.card'].initial).toBe(true);
    expect(byPath['paying.review'].initial).toBe(false);
    expect(byPath.paying.faultPoints).toEqual(['paymentTimeout']);
    expect(g.transitions.find((t) => t.event === 'GO')?.faultPoints).toEqual(['crashBeforeAck']);
    const pay = g.transitions.filter((t) => t.event === 'PAY');
    expect(pay.map((t) => [t.guard, t.target])).toEqual([
      ['isBig', 'checkout.paying.review'],
      ['isSmall', 'checkout.paying.approved'],
      [null, 'checkout.paying.approved'],
    ]);
    expect(edges(g)).toContain('checkout.paying.review -after 500 ms-> checkout.paying.approved');
    expect(edges(g)).toContain('checkout.paying.approved -always-> checkout.done');
    expect(edges(g)).toContain('checkout.shipping.label.blank -DONE[labelReady]-> checkout.shipping.label.printed');
    expect(edges(g)).toContain('checkout.paying -STOP-> checkout.browsing');
    // Which guard decided: earlier candidates' guards were false.
    const fallback = pay[2];
    expect(guardVerdict(g, fallback)).toBe('guard isBig was false, guard isSmall was false');
    expect(guardVerdict(g, pay[0])).toBe('guard isBig was true');
    expect(activeStateIds(g, { shipping: { box: 'open', label: 'printed' } })).toEqual(
      new Set(['checkout.shipping', 'checkout.shipping.box', 'checkout.shipping.box.open', 'checkout.shipping.label', 'checkout.shipping.label.printed']),
    );
  });

  test('findTransition tells events apart by the message that caused them', () => {
    const g = machineToGraph(orderMachine);
    expect(findTransition(g, 'order.PaymentAuthorized', 'order.RefundPending', 'StockRejected')?.event).toBe('STOCK_REJECTED');
    expect(findTransition(g, 'order.PaymentAuthorized', 'order.RefundPending', 'CancelOrder')?.event).toBe('CANCEL');
    // Two events lead there and nothing says which: no guess.
    expect(findTransition(g, 'order.PaymentAuthorized', 'order.RefundPending', null)).toBeNull();
    expect(findTransition(g, 'order.PendingPayment', 'order.PaymentAuthorized', null)?.event).toBe('PAYMENT_CAPTURED');
    expect(findTransition(g, 'order.Shipped', 'order.Cancelled', 'CancelOrder')).toBeNull();
  });
});

describe('layoutGraph', () => {
  for (const [name, machine] of [
    ['order', orderMachine],
    ['consumer', consumerMachine],
    ['outboxRelay', outboxRelayMachine],
    ['synthetic', synthetic],
  ] as const) {
    test(`${name}: every state placed, siblings never overlap, children inside their parent`, () => {
      const g = machineToGraph(machine);
      const { states: placed } = layoutGraph(g);
      expect([...placed.keys()].sort()).toEqual(g.states.map((s) => s.id).sort());
      for (const a of g.states) {
        const pa = placed.get(a.id);
        if (!pa) throw new Error(a.id);
        for (const b of g.states) {
          const pb = placed.get(b.id);
          if (a === b || a.parent !== b.parent || !pb) continue;
          const apart = pa.x + pa.width <= pb.x || pb.x + pb.width <= pa.x || pa.y + pa.height <= pb.y || pb.y + pb.height <= pa.y;
          expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
        }
        const parent = a.parent ? placed.get(a.parent) : null;
        if (parent) {
          expect(pa.x).toBeGreaterThanOrEqual(0);
          expect(pa.y).toBeGreaterThanOrEqual(0);
          expect(pa.x + pa.width).toBeLessThanOrEqual(parent.width);
          expect(pa.y + pa.height).toBeLessThanOrEqual(parent.height);
        }
      }
    });
  }

  test('the initial state is on top, and forward transitions point down', () => {
    const g = machineToGraph(orderMachine);
    const { states: placed, routes } = layoutGraph(g);
    expect(placed.get('order.PendingPayment')?.layer).toBe(0);
    expect(placed.get('order.PaymentAuthorized')?.layer).toBe(1);
    expect(placed.get('order.Confirmed')?.layer).toBe(2);
    // PendingPayment → Cancelled skips layers: it is routed round the states in between.
    const route = routes.get('order.PendingPayment->order.Cancelled');
    expect(route?.points.length).toBeGreaterThanOrEqual(2);
    for (const p of route?.points ?? []) {
      for (const s of g.states) {
        const b = placed.get(s.id);
        if (!b) continue;
        const inside = p.x > b.x && p.x < b.x + b.width && p.y > b.y && p.y < b.y + b.height;
        expect(inside, `route passes through ${s.key}`).toBe(false);
      }
    }
  });
});
