/**
 * The Analytics service: a read model (the dashboard) projected from events of several
 * services. It keeps the newest update per order — newest by the sender's wall clock, or by
 * Lamport clock when logical clocks are on. Skewed wall clocks make "newest" a lie.
 */
import { type Handler, ServiceRuntime, type World } from '../runtime';
import type { Message, MessageType, OrderState } from '../types';

/** One dashboard row. */
export interface ReadRow {
  state: OrderState;
  sentAt: number;
  lamport: number;
  updatedAt: number;
  msgId: string;
}

/** The Analytics service. */
export class AnalyticsService extends ServiceRuntime {
  readonly rows = new Map<string, ReadRow>();
  /** Updates discarded as older than what the row already had. */
  discarded = 0;
  /** The last discarded update per order. */
  readonly discardedFor = new Map<string, string>();
  protected readonly handlers: Partial<Record<MessageType, Handler>>;

  constructor(w: World, skewMs: number) {
    super('analytics', w, skewMs);
    const project: Handler = (msg) => {
      const state = stateOf(msg);
      if (state && msg.orderId) this.apply(msg, state);
    };
    this.handlers = {};
    for (const t of ['OrderPlaced', 'OrderPaid', 'OrderConfirmed', 'OrderShipped', 'OrderCancelled', 'OrderRefundPending', 'OrderRefunded', 'OrderNeedsReview', 'PaymentCaptured', 'Shipped'] as const) {
      this.handlers[t] = project;
    }
  }

  private apply(msg: Message, state: OrderState): void {
    const row = this.rows.get(msg.orderId!);
    // A payment event only moves a row on from PendingPayment; it never reopens a settled order.
    if (msg.type === 'PaymentCaptured' && row && row.state !== 'PendingPayment') return;
    const logical = this.w.remedies().logicalClocks;
    if (row && (logical ? msg.lamport <= row.lamport : msg.sentAt <= row.sentAt)) {
      this.discarded++;
      this.discardedFor.set(msg.orderId!, msg.id);
      return; // last-write-wins: this update looks older than what we have
    }
    this.rows.set(msg.orderId!, { state, sentAt: msg.sentAt, lamport: msg.lamport, updatedAt: this.w.sched.now, msgId: msg.id });
  }

  /**
   * Reconciliation: overwrite a row with the source of truth, unless an update reached the row
   * since reconciliation read it (`seenMsgId`): then the snapshot is stale and the row is left be.
   */
  repairIfUnchanged(orderId: string, state: OrderState, seenMsgId: string | null): boolean {
    const row = this.rows.get(orderId);
    if (!this.up || (row?.msgId ?? null) !== seenMsgId || row?.state === state) return false;
    this.rows.set(orderId, { state, sentAt: row?.sentAt ?? 0, lamport: row?.lamport ?? 0, updatedAt: this.w.sched.now, msgId: row?.msgId ?? '' });
    return true;
  }

  figures(): Record<string, number> {
    return { rows: this.rows.size, discarded: this.discarded, processed: this.processed.size };
  }
}

function stateOf(msg: Message): OrderState | null {
  if (msg.type === 'PaymentCaptured') return 'PaymentAuthorized';
  if (msg.type === 'Shipped') return 'Shipped';
  const s = msg.payload.state;
  return typeof s === 'string' ? (s as OrderState) : null;
}
