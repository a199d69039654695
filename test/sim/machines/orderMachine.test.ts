import { describe, expect, it } from 'vitest';
import { CALLED_OFF_STATES, orderMachine, PAID_STATES, TERMINAL, WAITS_FOR } from '../../../src/sim/machines/orderMachine';
import { start, step } from '../../../src/sim/machines/pure';

const begin = () => start(orderMachine, { orderId: 'o1' }).snapshot;

describe('order saga machine', () => {
  it('returns commands as data: payment captured asks for stock, entering a state announces it', () => {
    const a = begin();
    const b = step(orderMachine, a, { type: 'PAYMENT_CAPTURED', saga: false });
    expect(b.snapshot.value).toBe('PaymentAuthorized');
    expect(b.commands).toEqual([
      { type: 'send', params: { command: 'ReserveStock', compensation: false } },
      { type: 'announce', params: { state: 'PaymentAuthorized' } },
    ]);
    expect(a.value).toBe('PendingPayment');
  });

  it('takes the compensating branch only when the event says the saga is on', () => {
    const paid = step(orderMachine, begin(), { type: 'PAYMENT_CAPTURED', saga: true }).snapshot;
    expect(step(orderMachine, paid, { type: 'STOCK_REJECTED', saga: true }).snapshot.value).toBe('RefundPending');
    expect(step(orderMachine, paid, { type: 'STOCK_REJECTED', saga: false }).snapshot.value).toBe('Cancelled');
  });

  it('tells an ignored event from an accepted actions-only one with can(), not by side effects', () => {
    const cancelled = step(orderMachine, begin(), { type: 'CANCEL', saga: false }).snapshot;
    // A late reservation with the saga on: accepted (releases the stock), but no state change.
    const late = step(orderMachine, cancelled, { type: 'STOCK_RESERVED', saga: true });
    expect(late.commands).toEqual([{ type: 'send', params: { command: 'ReleaseStock', compensation: true } }]);
    expect(cancelled.can({ type: 'STOCK_RESERVED', saga: true })).toBe(true);
    // Without the saga the same event is not handled: same snapshot, no commands, can() false.
    const ignored = step(orderMachine, cancelled, { type: 'STOCK_RESERVED', saga: false });
    expect(ignored.snapshot).toBe(cancelled);
    expect(ignored.commands).toEqual([]);
    expect(cancelled.can({ type: 'STOCK_RESERVED', saga: false })).toBe(false);
  });

  it('derives the reconciler and detector sets from the definition', () => {
    expect([...TERMINAL].sort()).toEqual(['Cancelled', 'Refunded', 'RequiresManualReview', 'Shipped']);
    expect([...PAID_STATES].sort()).toEqual(['Confirmed', 'PaymentAuthorized', 'Shipped']);
    expect([...CALLED_OFF_STATES].sort()).toEqual(['Cancelled', 'Refunded']);
    expect(WAITS_FOR).toEqual({ PendingPayment: 'payment', PaymentAuthorized: 'inventory', Confirmed: 'shipping', RefundPending: 'payment' });
  });
});
