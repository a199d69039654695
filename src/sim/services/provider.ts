/**
 * The external payment provider: it holds the real money. It is outside our system, so it
 * never crashes in the simulation, but its replies can be lost (the `paymentTimeout` fault).
 * With an idempotency key, a repeated charge returns the first charge instead of a new one.
 */

/** One charge in the provider's ledger. */
export interface Charge {
  id: string;
  orderId: string;
  amount: number;
  key: string | null;
  at: number;
  refundedAt: number | null;
  /** The ChargePayment message behind it, and why this call happened. */
  msgId: string;
  reason: 'first call' | 'retry after timeout' | 'resume after crash' | 'duplicate delivery';
}

/** The provider's ledger. */
export class Provider {
  readonly charges: Charge[] = [];
  private readonly byKey = new Map<string, Charge>();
  private readonly byId = new Map<string, Charge>();
  readonly byOrder = new Map<string, Charge[]>();
  private counter = 0;

  /** Charges, or with a known key returns the earlier charge (`replayed`). */
  charge(orderId: string, amount: number, key: string | null, at: number, msgId: string, reason: Charge['reason']): { charge: Charge; replayed: boolean } {
    if (key !== null) {
      const prior = this.byKey.get(key);
      if (prior) return { charge: prior, replayed: true };
    }
    const charge: Charge = { id: `ch${++this.counter}`, orderId, amount, key, at, refundedAt: null, msgId, reason };
    this.charges.push(charge);
    this.byId.set(charge.id, charge);
    const list = this.byOrder.get(orderId);
    if (list) list.push(charge);
    else this.byOrder.set(orderId, [charge]);
    if (key !== null) this.byKey.set(key, charge);
    return { charge, replayed: false };
  }

  /** The charge with this id, if any. */
  chargeById(id: string): Charge | undefined {
    return this.byId.get(id);
  }

  /** Refunds a charge once; refunding it again changes nothing. */
  refund(chargeId: string, at: number): Charge | null {
    const c = this.byId.get(chargeId);
    if (!c || c.refundedAt !== null) return null;
    c.refundedAt = at;
    return c;
  }

  /** Money currently held for an order: charged minus refunded. */
  held(orderId: string): number {
    let sum = 0;
    for (const c of this.byOrder.get(orderId) ?? []) if (c.refundedAt === null) sum += c.amount;
    return sum;
  }
}
