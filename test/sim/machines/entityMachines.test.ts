/**
 * The per-entity machines as pure functions: each test walks a lifecycle through pure.ts and
 * checks the state reached and the commands asked for — the same data the services apply.
 */
import { describe, expect, it } from 'vitest';
import { CUSTOMER_MAX_ATTEMPTS, customerRequestMachine } from '../../../src/sim/machines/customerRequestMachine';
import { emailMachine } from '../../../src/sim/machines/emailMachine';
import { initialSnapshot } from '../../../src/sim/machines/initial';
import { MAX_CALL_ATTEMPTS, paymentMachine } from '../../../src/sim/machines/paymentMachine';
import { start, step } from '../../../src/sim/machines/pure';
import { reconciliationMachine } from '../../../src/sim/machines/reconciliationMachine';
import { reservationMachine } from '../../../src/sim/machines/reservationMachine';
import { shipmentMachine } from '../../../src/sim/machines/shipmentMachine';

const names = (cs: { type: string }[]) => cs.map((c) => c.type);
const charge = () => step(paymentMachine, initialSnapshot(paymentMachine), { type: 'CHARGE', reason: 'first call' }).snapshot;
const read = (r: number, windowMs: number) => step(reservationMachine, initialSnapshot(reservationMachine), { type: 'READ', quantity: 1, read: r, windowMs });
const ship = (warehouse: number) => step(shipmentMachine, initialSnapshot(shipmentMachine), { type: 'SHIP', quantity: 1, warehouse });

describe('payment machine', () => {
  it('calls, times out, retries after a backoff and is captured by the next reply', () => {
    expect(initialSnapshot(paymentMachine).value).toBe('requested');
    const a = step(paymentMachine, initialSnapshot(paymentMachine), { type: 'CHARGE', reason: 'first call' });
    expect(a.snapshot.value).toEqual({ charging: 'calling' });
    expect(names(a.commands)).toEqual(['scheduleCall']);
    const b = step(paymentMachine, a.snapshot, { type: 'CALL' });
    expect(b.snapshot.value).toEqual({ charging: 'awaitingProvider' });
    expect(b.snapshot.context.attempts).toBe(1);
    expect(names(b.commands)).toEqual(['callProvider', 'startTimeout']);
    const c = step(paymentMachine, b.snapshot, { type: 'TIMEOUT', attempt: 1, retries: true });
    expect(c.snapshot.value).toEqual({ charging: 'retryScheduled' });
    const d = step(paymentMachine, c.snapshot, { type: 'RETRY' });
    expect(d.snapshot.context.reason).toBe('retry after timeout');
    const e = step(paymentMachine, step(paymentMachine, d.snapshot, { type: 'CALL' }).snapshot, { type: 'REPLY', attempt: 2 });
    expect(e.snapshot.value).toBe('captured');
    expect(names(e.commands)).toEqual(['reportCaptured']);
  });

  it('ignores a reply to an older call, and fails when retries are off or used up', () => {
    const out = step(paymentMachine, charge(), { type: 'CALL' }).snapshot;
    expect(step(paymentMachine, out, { type: 'REPLY', attempt: 0 }).snapshot).toBe(out);
    expect(step(paymentMachine, out, { type: 'TIMEOUT', attempt: 1, retries: false }).snapshot.value).toBe('failed');
    let s = out;
    for (let i = 1; i < MAX_CALL_ATTEMPTS; i++) {
      s = step(paymentMachine, s, { type: 'TIMEOUT', attempt: i, retries: true }).snapshot;
      s = step(paymentMachine, step(paymentMachine, s, { type: 'RETRY' }).snapshot, { type: 'CALL' }).snapshot;
    }
    expect(s.context.attempts).toBe(MAX_CALL_ATTEMPTS);
    expect(step(paymentMachine, s, { type: 'TIMEOUT', attempt: MAX_CALL_ATTEMPTS, retries: true }).snapshot.value).toBe('failed');
  });

  it('remembers a refund asked for mid-call, refunds a captured payment, and resumes after a crash', () => {
    const out = step(paymentMachine, charge(), { type: 'CALL' }).snapshot;
    const asked = step(paymentMachine, out, { type: 'REFUND' }).snapshot;
    expect(asked.context.refundRequested).toBe(true);
    const captured = step(paymentMachine, asked, { type: 'REPLY', attempt: 1 }).snapshot;
    const r = step(paymentMachine, captured, { type: 'REFUND' });
    expect(r.snapshot.value).toBe('refunded');
    expect(names(r.commands)).toEqual(['refundCharges']);
    const resumed = step(paymentMachine, out, { type: 'RESUME' });
    expect(resumed.snapshot.value).toEqual({ charging: 'calling' });
    expect(names(resumed.commands)).toEqual(['scheduleCall']);
    expect(resumed.snapshot.context.reason).toBe('resume after crash');
  });
});

describe('customer request machine', () => {
  it('sends, resends on each timeout up to the limit, then gives up; a late answer is still heard', () => {
    const a = start(customerRequestMachine, undefined);
    expect(names(a.commands)).toEqual(['sendRequest', 'startReplyTimer']);
    let s = a.snapshot;
    for (let attempt = 1; attempt < CUSTOMER_MAX_ATTEMPTS; attempt++) {
      const r = step(customerRequestMachine, s, { type: 'REPLY_TIMEOUT', attempt });
      expect(r.snapshot.value).toBe('resending');
      expect(names(r.commands)).toEqual(['resendRequest', 'startReplyTimer']);
      s = r.snapshot;
    }
    s = step(customerRequestMachine, s, { type: 'REPLY_TIMEOUT', attempt: CUSTOMER_MAX_ATTEMPTS }).snapshot;
    expect(s.value).toBe('gaveUp');
    s = step(customerRequestMachine, s, { type: 'ACCEPTED', orderId: 'o1' }).snapshot;
    expect(s.value).toBe('answered');
    expect(s.context.accepted).toEqual(['o1']);
  });

  it('an impatient copy makes the first timer stale; a second acceptance is a second order', () => {
    const a = start(customerRequestMachine, undefined).snapshot;
    const b = step(customerRequestMachine, a, { type: 'IMPATIENT' });
    expect(names(b.commands)).toEqual(['resendRequest']);
    expect(step(customerRequestMachine, b.snapshot, { type: 'REPLY_TIMEOUT', attempt: 1 }).snapshot).toBe(b.snapshot);
    const c = step(customerRequestMachine, step(customerRequestMachine, b.snapshot, { type: 'ACCEPTED', orderId: 'o1' }).snapshot, { type: 'ACCEPTED', orderId: 'o2' });
    expect(c.snapshot.context.accepted).toEqual(['o1', 'o2']);
  });
});

describe('reservation machine', () => {
  it('decides at once without a race window', () => {
    expect(read(3, 0).commands).toEqual([{ type: 'reserve', params: { base: 3 } }]);
    expect(read(0, 0).snapshot.value).toBe('rejected');
  });

  it('inside the window, a plain write uses the stale read; compare-and-set reads again', () => {
    const deciding = read(1, 40).snapshot;
    expect(deciding.value).toBe('deciding');
    const plain = step(reservationMachine, deciding, { type: 'WRITE', available: 0, conditional: false });
    expect(plain.snapshot.value).toBe('reserved');
    expect(plain.commands).toEqual([{ type: 'reserve', params: { base: 1 } }]);
    const cas = step(reservationMachine, deciding, { type: 'WRITE', available: 0, conditional: true });
    expect(cas.snapshot.value).toBe('rejected');
    expect(names(cas.commands)).toEqual(['casRetry', 'reject']);
    const released = step(reservationMachine, plain.snapshot, { type: 'RELEASE' });
    expect(released.snapshot.value).toBe('released');
  });
});

describe('shipment, email and reconciliation machines', () => {
  it('ships once, absorbs a repeat, and retries after an empty warehouse', () => {
    const shipped = ship(1).snapshot;
    expect(shipped.value).toBe('shipped');
    expect(step(shipmentMachine, shipped, { type: 'SHIP', quantity: 1, warehouse: 5 }).snapshot).toBe(shipped);
    const failed = ship(0).snapshot;
    expect(failed.value).toBe('failed');
    expect(step(shipmentMachine, failed, { type: 'SHIP', quantity: 1, warehouse: 2 }).snapshot.value).toBe('shipped');
  });

  it('sends an email for every order event, including contradicting and repeated ones', () => {
    const a = start(emailMachine, undefined).snapshot;
    const b = step(emailMachine, a, { type: 'CONFIRMED' });
    expect(b.commands).toEqual([{ type: 'sendEmail', params: { template: 'confirmed' } }]);
    expect(step(emailMachine, b.snapshot, { type: 'CONFIRMED' }).commands).toHaveLength(1);
    expect(step(emailMachine, b.snapshot, { type: 'CANCELLED' }).snapshot.value).toBe('toldCancelled');
  });

  it('repairs only after every source answered; any failure gives the round up', () => {
    let s = step(reconciliationMachine, start(reconciliationMachine, undefined).snapshot, { type: 'TICK' }).snapshot;
    expect(s.value).toBe('readingDashboard');
    s = step(reconciliationMachine, s, { type: 'ANSWER', ok: true }).snapshot;
    const cmds: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = step(reconciliationMachine, s, { type: 'ANSWER', ok: i !== 2 });
      cmds.push(...names(r.commands));
      s = r.snapshot;
    }
    expect(s.value).toBe('idle');
    expect(cmds).toEqual(['giveUpRound']);
    const failed = step(reconciliationMachine, step(reconciliationMachine, s, { type: 'TICK' }).snapshot, { type: 'ANSWER', ok: false });
    expect(failed.snapshot.value).toBe('idle');
    expect(names(failed.commands)).toEqual(['giveUpRound']);
  });
});
