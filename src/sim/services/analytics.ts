/**
 * The Analytics service: a read model (the dashboard) projected from events of several
 * services. Naively it applies updates in the order they arrive, so an update overtaken on the
 * bus leaves a row on an old state. Last-write-wins keeps the update with the newest sender
 * timestamp instead (which skewed clocks turn into a lie); logical clocks keep the one with the
 * highest Lamport clock, which follows cause and effect.
 */
import type { Delivery } from '../bus';
import { type HandlerResult, ServiceRuntime, type Tx, type World } from '../runtime';
import type { Message, MessageType, OrderState } from '../types';

/** One dashboard row. */
export interface ReadRow {
  state: OrderState;
  sentAt: number;
  lamport: number;
  updatedAt: number;
  msgId: string;
}

/** The events the dashboard is built from. */
const PROJECTED: readonly MessageType[] = ['OrderPlaced', 'OrderPaid', 'OrderConfirmed', 'OrderShipped', 'OrderCancelled', 'OrderRefundPending', 'OrderRefunded', 'OrderNeedsReview', 'PaymentCaptured', 'Shipped'];

/** The Analytics service. */
export class AnalyticsService extends ServiceRuntime {
  readonly rows = new Map<string, ReadRow>();
  /** Updates discarded as older than what the row already had. */
  discarded = 0;
  /** The last discarded update per order. */
  readonly discardedFor = new Map<string, string>();
  /** Per order, the last stale update that overwrote a newer one (arrival order only). */
  readonly overtakenBy = new Map<string, string>();

  constructor(w: World, skewMs: number) {
    super('analytics', w, skewMs);
  }

  /** Projects an event onto the dashboard row of its order. */
  handle(msg: Message, _tx: Tx, _d: Delivery): HandlerResult {
    if (!PROJECTED.includes(msg.type)) return undefined;
    const state = stateOf(msg);
    if (state && msg.orderId) this.apply(msg, state);
    return undefined;
  }

  private apply(msg: Message, state: OrderState): void {
    const row = this.rows.get(msg.orderId!);
    // A payment event only moves a row on from PendingPayment; it never reopens a settled order.
    if (msg.type === 'PaymentCaptured' && row && row.state !== 'PendingPayment') return;
    const r = this.w.remedies();
    const compare = r.logicalClocks || r.lastWriteWins;
    if (row && compare && (r.logicalClocks ? msg.lamport <= row.lamport : msg.sentAt <= row.sentAt)) {
      this.discarded++;
      this.discardedFor.set(msg.orderId!, msg.id);
      return; // this update looks older than what we have
    }
    // In arrival order a late update overwrites a newer one; remember it so the report can name it.
    if (row && !compare && (msg.lamport < row.lamport)) this.overtakenBy.set(msg.orderId!, msg.id);
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
