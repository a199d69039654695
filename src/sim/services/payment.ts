/**
 * The Payment service: turns ChargePayment commands into calls to the external provider, waits
 * for the provider's reply (which the `paymentTimeout` fault can lose), retries, and refunds.
 */
import { backoff, type Delivery } from '../bus';
import type { Rng } from '../prng';
import { type HandlerResult, type ServiceTimer, ServiceRuntime, type Tx, type World } from '../runtime';
import type { Message, MessageType } from '../types';
import type { Charge, Provider } from './provider';

/** One leg of the network to the provider and back. */
export const PROVIDER_LEG_MS = 15;
/** How long the Payment service waits for the provider before it calls the attempt timed out. */
export const PROVIDER_TIMEOUT_MS = 150;
/** Calls per payment at most when retrying. */
export const MAX_CALL_ATTEMPTS = 5;

/** One row of the payments table. */
export interface PaymentRow {
  orderId: string;
  requestId: string;
  amount: number;
  status: 'charging' | 'captured' | 'failed' | 'refunded';
  attempts: number;
  chargeIds: string[];
  msgId: string;
  refundRequested: boolean;
  /** Its position in the payments table: how timers name it. */
  index: number;
}

/** The Payment service. */
export class PaymentService extends ServiceRuntime {
  readonly rows: PaymentRow[] = [];
  readonly byOrder = new Map<string, PaymentRow[]>();
  /** The last reply sent per order, for reconciliation to send again. */

  constructor(
    w: World,
    skewMs: number,
    private readonly provider: Provider,
    private readonly providerRng: Rng,
  ) {
    super('payment', w, skewMs);
  }

  /** Handles a command: every ChargePayment starts a new payment (naive on purpose: remedies live elsewhere). */
  handle(msg: Message, tx: Tx, d: Delivery): HandlerResult {
    if (msg.type === 'RefundPayment') {
      this.refundOrder(msg.orderId!, tx);
      return;
    }
    if (msg.type !== 'ChargePayment') return;
    const row: PaymentRow = {
      orderId: msg.orderId!,
      requestId: msg.requestId,
      amount: Number(msg.payload.amount),
      status: 'charging',
      attempts: 0,
      chargeIds: [],
      msgId: msg.id,
      refundRequested: false,
      index: this.rows.length,
    };
    this.rows.push(row);
    const list = this.byOrder.get(row.orderId);
    if (list) list.push(row);
    else this.byOrder.set(row.orderId, [row]);
    this.call(row, d.duplicate || d.attempt > 1 ? 'duplicate delivery' : 'first call');
  }

  /** Calls the provider for a payment, after the current transaction has committed. */
  private call(row: PaymentRow, reason: Charge['reason']): void {
    this.timer(0, { type: 'call', row: row.index, reason, epoch: this.epoch });
  }

  protected override onTimer(ev: ServiceTimer): void {
    const row = this.rows[Number(ev.row)];
    const epoch = Number(ev.epoch);
    switch (ev.type) {
      case 'call': {
        if (this.epoch !== epoch || !this.up || row.status !== 'charging') return;
        row.attempts++;
        const keyed = this.w.remedies().idempotencyKey;
        this.timer(PROVIDER_LEG_MS, { type: 'providerCharge', row: ev.row, attempt: row.attempts, keyed, reason: ev.reason, epoch });
        this.timer(PROVIDER_TIMEOUT_MS, { type: 'providerTimeout', row: ev.row, attempt: row.attempts, epoch });
        return;
      }
      case 'providerCharge': {
        // The provider is outside the process: the call lands even if Payment died meanwhile.
        const key = ev.keyed ? `charge:${row.orderId}` : null;
        const { charge, replayed } = this.provider.charge(row.orderId, row.amount, key, this.w.sched.now, row.msgId, ev.reason as Charge['reason']);
        const replyLost = this.providerRng.chance(this.w.faults().paymentTimeout);
        if (replayed) this.w.healed.duplicatesAbsorbed++;
        this.w.emit({ t: this.w.sched.now, kind: 'charge', orderId: row.orderId, chargeId: charge.id, amount: charge.amount, key, replayed, replyLost });
        if (!replyLost) this.timer(PROVIDER_LEG_MS, { type: 'providerReply', row: ev.row, attempt: ev.attempt, chargeId: charge.id, epoch });
        return;
      }
      case 'providerReply':
        this.onReply(row, Number(ev.attempt), this.provider.chargeById(String(ev.chargeId))!, epoch);
        return;
      case 'providerTimeout':
        if (this.epoch === epoch && row.status === 'charging' && row.attempts === Number(ev.attempt)) this.onTimeout(row);
        return;
      case 'retry':
        if (this.epoch === epoch) this.call(row, 'retry after timeout');
        return;
    }
  }

  private onReply(row: PaymentRow, attempt: number, charge: Charge, epoch: number): void {
    if (this.epoch !== epoch || !this.up) return; // the reply reached a dead process
    if (!row.chargeIds.includes(charge.id)) row.chargeIds.push(charge.id);
    if (row.status !== 'charging' || row.attempts !== attempt) return;
    this.local((tx) => {
      row.status = 'captured';
      this.answer(tx, row, 'PaymentCaptured', { amount: row.amount, chargeId: charge.id });
      if (row.refundRequested) this.refundOrder(row.orderId, tx);
    });
  }

  private onTimeout(row: PaymentRow): void {
    if (this.w.remedies().retries && row.attempts < MAX_CALL_ATTEMPTS) {
      this.w.count('retries');
      this.timer(backoff(row.attempts, this.providerRng), { type: 'retry', row: row.index, epoch: this.epoch });
      return;
    }
    this.local((tx) => {
      row.status = 'failed';
      this.answer(tx, row, 'PaymentFailed', { amount: row.amount, reason: 'provider timeout' });
    });
  }

  /** Refunds every captured charge of the order; charges still in flight are refunded on arrival. */
  private refundOrder(orderId: string, tx: Tx): void {
    let refunded = 0;
    let requestId = '';
    for (const row of this.byOrder.get(orderId) ?? []) {
      requestId = row.requestId;
      if (row.status === 'charging') row.refundRequested = true;
      if (row.status !== 'captured') continue;
      for (const id of row.chargeIds) {
        const c = this.provider.refund(id, this.w.sched.now);
        if (c) {
          refunded += c.amount;
          this.w.emit({ t: this.w.sched.now, kind: 'refund', orderId, chargeId: c.id, amount: c.amount });
        }
      }
      row.status = 'refunded';
    }
    const row = { orderId, requestId } as PaymentRow;
    this.answer(tx, row, 'PaymentRefunded', { amount: refunded });
  }

  private answer(tx: Tx, row: Pick<PaymentRow, 'orderId' | 'requestId'>, type: MessageType, payload: Message['payload']): void {
    this.reply(tx, { topic: 'payment.events', type, key: row.orderId, orderId: row.orderId, requestId: row.requestId, payload });
  }


  /** True while a provider call for this order may still land. */
  charging(orderId: string): boolean {
    return (this.byOrder.get(orderId) ?? []).some((r) => r.status === 'charging');
  }

  protected override recover(): void {
    // Calls in flight died with the process; pick them up again.
    for (const row of this.rows) if (row.status === 'charging') this.call(row, 'resume after crash');
  }

  figures(): Record<string, number> {
    let charging = 0;
    for (const r of this.rows) if (r.status === 'charging') charging++;
    return { payments: this.rows.length, charging, outbox: this.outbox.length, processed: this.processed.size };
  }
}
