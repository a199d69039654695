/**
 * The Payment service: turns ChargePayment commands into calls to the external provider, waits
 * for the provider's reply (which the `paymentTimeout` fault can lose), retries, and refunds.
 * Each payment's lifecycle is a pure machine (../machines/paymentMachine); this service keeps
 * its snapshot on the row, applies the commands it returns and owns the timers it asks for.
 */
import { backoff, type Delivery } from '../bus';
import { type CallReason, MAX_CALL_ATTEMPTS, type PaymentEvent, type PaymentSnapshot, paymentMachine } from '../machines/paymentMachine';
import type { Command } from '../machines/pure';
import { initialSnapshot } from '../machines/initial';
import { notePath, type PathEntry } from '../machines/path';
import { can, step } from '../machines/pure';
import type { Rng } from '../prng';
import { type HandlerResult, type ServiceTimer, ServiceRuntime, type Tx, type World } from '../runtime';
import type { Message, MessageType } from '../types';
import type { Provider } from './provider';

export { MAX_CALL_ATTEMPTS };
/** One leg of the network to the provider and back. */
export const PROVIDER_LEG_MS = 15;
/** How long the Payment service waits for the provider before it calls the attempt timed out. */
export const PROVIDER_TIMEOUT_MS = 150;

/** What a payment's status is, read from its machine. */
export type PaymentStatus = 'charging' | 'captured' | 'failed' | 'refunded';

/** Commands that must be part of a local transaction (they send messages). */
const NEEDS_TX: ReadonlySet<string> = new Set(['reportCaptured', 'reportFailed', 'refundCharges']);

/** One row of the payments table. Status, attempts and the refund flag are read from its machine. */
export class PaymentRow {
  /** Charges the provider confirmed for this payment (a lost reply leaves one out). */
  readonly chargeIds: string[] = [];
  /** Where its machine has been (for the statechart view; not part of the trace). */
  readonly path: PathEntry[] = [];

  constructor(
    readonly orderId: string,
    readonly requestId: string,
    readonly amount: number,
    /** The ChargePayment message behind it. */
    readonly msgId: string,
    /** Its position in the payments table: how timers name it. */
    readonly index: number,
    public machine: PaymentSnapshot,
  ) {}

  get status(): PaymentStatus {
    // 'requested' lasts only inside the delivery that created the row: it is already charging.
    return isCharging(this.machine) ? 'charging' : (this.machine.value as PaymentStatus);
  }

  get attempts(): number {
    return this.machine.context.attempts;
  }

  get refundRequested(): boolean {
    return this.machine.context.refundRequested;
  }
}

/**
 * True while the payment is charging (or just requested, which is charging too). Read from the
 * top-level state value instead of `matches()`, which builds state paths on every call.
 */
function isCharging(machine: PaymentSnapshot): boolean {
  const v = machine.value;
  return v === 'requested' || (typeof v === 'object' && 'charging' in v);
}

/** The Payment service. */
export class PaymentService extends ServiceRuntime {
  readonly rows: PaymentRow[] = [];
  readonly byOrder = new Map<string, PaymentRow[]>();
  /**
   * Indexes of the rows that are charging, so a restart resumes them without walking every
   * payment ever made (which made each crash cost more the longer the run went on).
   */
  private readonly chargingRows = new Set<number>();

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
    const row = new PaymentRow(msg.orderId!, msg.requestId, Number(msg.payload.amount), msg.id, this.rows.length, initialSnapshot(paymentMachine));
    this.rows.push(row);
    this.chargingRows.add(row.index);
    const list = this.byOrder.get(row.orderId);
    if (list) list.push(row);
    else this.byOrder.set(row.orderId, [row]);
    this.advance(row, { type: 'CHARGE', reason: d.duplicate || d.attempt > 1 ? 'duplicate delivery' : 'first call' }, tx);
  }

  /**
   * Moves one payment's machine and applies its commands. Commands that send messages run in
   * `tx`, or in a local transaction of their own when none is open. False if the event was ignored.
   */
  private advance(row: PaymentRow, event: PaymentEvent, tx: Tx | null): boolean {
    const { snapshot, commands } = step(paymentMachine, row.machine, event);
    if (snapshot === row.machine && !can<typeof paymentMachine>(row.machine, event)) return false;
    if (tx || !commands.some((c) => NEEDS_TX.has(c.type))) {
      notePath(row.path, this.w.sched.now, paymentMachine, row.machine, snapshot, event, commands);
      this.moved(row, snapshot);
      this.apply(row, commands, tx);
      return true;
    }
    return this.local((local) => {
      notePath(row.path, this.w.sched.now, paymentMachine, row.machine, snapshot, event, commands);
      this.moved(row, snapshot);
      this.apply(row, commands, local);
    });
  }

  /** Stores a payment's next snapshot and keeps the index of charging rows up to date. */
  private moved(row: PaymentRow, snapshot: PaymentSnapshot): void {
    row.machine = snapshot;
    if (isCharging(snapshot)) this.chargingRows.add(row.index);
    else this.chargingRows.delete(row.index);
  }

  private apply(row: PaymentRow, commands: Command[], tx: Tx | null): void {
    for (const c of commands) {
      switch (c.type) {
        case 'scheduleCall':
          // The call goes out after the transaction that asked for it has committed.
          this.timer(0, { type: 'call', row: row.index, epoch: this.epoch });
          break;
        case 'callProvider':
          this.timer(PROVIDER_LEG_MS, { type: 'providerCharge', row: row.index, attempt: row.attempts, keyed: this.w.remedies().idempotencyKey, reason: row.machine.context.reason, epoch: this.epoch });
          break;
        case 'startTimeout':
          this.timer(PROVIDER_TIMEOUT_MS, { type: 'providerTimeout', row: row.index, attempt: row.attempts, epoch: this.epoch });
          break;
        case 'scheduleRetry':
          this.w.count('retries');
          this.timer(backoff(row.attempts, this.providerRng), { type: 'retry', row: row.index, epoch: this.epoch });
          break;
        case 'reportCaptured':
          this.answer(tx!, row, 'PaymentCaptured', { amount: row.amount, chargeId: this.lastCharge });
          break;
        case 'reportFailed':
          this.answer(tx!, row, 'PaymentFailed', { amount: row.amount, reason: 'provider timeout' });
          break;
        case 'refundCharges':
          // Reported by refundOrder, which sums the refunds of every payment of the order.
          this.refunded += this.refundCharges(row);
          break;
      }
    }
  }

  /** A timer this service set fired; work from an earlier incarnation of the process is void. */
  protected override onTimer(ev: ServiceTimer): void {
    const row = this.rows[Number(ev.row)];
    const epoch = Number(ev.epoch);
    switch (ev.type) {
      case 'call':
        if (this.epoch === epoch && this.up) this.advance(row, { type: 'CALL' }, null);
        return;
      case 'providerCharge': {
        // The provider is outside the process: the call lands even if Payment died meanwhile.
        const key = ev.keyed ? `charge:${row.orderId}` : null;
        const { charge, replayed } = this.provider.charge(row.orderId, row.amount, key, this.w.sched.now, row.msgId, ev.reason as CallReason);
        const replyLost = this.providerRng.chance(this.w.faults().paymentTimeout);
        if (replayed) this.w.healed.duplicatesAbsorbed++;
        this.w.emit({ t: this.w.sched.now, kind: 'charge', orderId: row.orderId, chargeId: charge.id, amount: charge.amount, key, replayed, replyLost });
        if (!replyLost) this.timer(PROVIDER_LEG_MS, { type: 'providerReply', row: ev.row, attempt: ev.attempt, chargeId: charge.id, epoch });
        return;
      }
      case 'providerReply': {
        if (this.epoch !== epoch || !this.up) return; // the reply reached a dead process
        const chargeId = String(ev.chargeId);
        // The charge exists whatever the payment thinks: remember it so a refund finds it.
        if (!row.chargeIds.includes(chargeId)) row.chargeIds.push(chargeId);
        const event: PaymentEvent = { type: 'REPLY', attempt: Number(ev.attempt) };
        if (!can<typeof paymentMachine>(row.machine, event)) return; // a reply to an older call, or the payment moved on
        // One transaction: the capture, and the refund asked for while the call was out.
        this.local((tx) => {
          this.lastCharge = chargeId;
          this.advance(row, event, tx);
          if (row.refundRequested) this.refundOrder(row.orderId, tx);
        });
        return;
      }
      case 'providerTimeout':
        if (this.epoch === epoch) this.advance(row, { type: 'TIMEOUT', attempt: Number(ev.attempt), retries: this.w.remedies().retries }, null);
        return;
      case 'retry':
        if (this.epoch === epoch) this.advance(row, { type: 'RETRY' }, null);
        return;
    }
  }

  /** The charge whose reply is being handled (named in PaymentCaptured). */
  private lastCharge: string | null = null;
  /** Sum of the refunds made by the REFUND steps of the current refundOrder. */
  private refunded = 0;

  /** Gives back every confirmed charge of one payment; returns the amount refunded. */
  private refundCharges(row: PaymentRow): number {
    let sum = 0;
    for (const id of row.chargeIds) {
      const c = this.provider.refund(id, this.w.sched.now);
      if (c) {
        sum += c.amount;
        this.w.emit({ t: this.w.sched.now, kind: 'refund', orderId: row.orderId, chargeId: c.id, amount: c.amount });
      }
    }
    return sum;
  }

  /** Refunds every captured payment of the order; payments still charging are refunded when their charge lands. */
  private refundOrder(orderId: string, tx: Tx): void {
    this.refunded = 0;
    let requestId = '';
    for (const row of this.byOrder.get(orderId) ?? []) {
      requestId = row.requestId;
      this.advance(row, { type: 'REFUND' }, tx);
    }
    this.answer(tx, { orderId, requestId }, 'PaymentRefunded', { amount: this.refunded });
  }

  private answer(tx: Tx, row: Pick<PaymentRow, 'orderId' | 'requestId'>, type: MessageType, payload: Message['payload']): void {
    this.reply(tx, { topic: 'payment.events', type, key: row.orderId, orderId: row.orderId, requestId: row.requestId, payload });
  }

  /** True while a provider call for this order may still land. */
  charging(orderId: string): boolean {
    return (this.byOrder.get(orderId) ?? []).some((r) => r.status === 'charging');
  }

  protected override recover(): void {
    // Calls in flight died with the process; pick them up again, in table order as a full scan
    // would. Resuming one row never moves another, so the list taken first stays right.
    const charging = [...this.chargingRows].sort((a, b) => a - b);
    for (const i of charging) {
      const row = this.rows[i];
      if (row.status === 'charging') this.advance(row, { type: 'RESUME' }, null);
    }
  }

  figures(): Record<string, number> {
    let charging = 0;
    for (const r of this.rows) if (r.status === 'charging') charging++;
    return { payments: this.rows.length, charging, outbox: this.outbox.length, processed: this.processed.size };
  }
}
