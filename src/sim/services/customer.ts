/**
 * The customer's side: places orders, resends a request that got no answer, may resend an
 * impatient duplicate (the `clientRetry` fault), and sometimes asks to cancel.
 */
import type { Delivery } from '../bus';
import type { Rng } from '../prng';
import { type HandlerResult, type ServiceTimer, ServiceRuntime, type Tx, type World } from '../runtime';
import type { Message, Workload } from '../types';

/** How long the customer waits for "order accepted" before sending the request again. */
export const CUSTOMER_TIMEOUT_MS = 2000;
/** How many times the customer sends one request at most. */
export const CUSTOMER_MAX_ATTEMPTS = 3;

/** A request as the customer remembers it. */
export interface CustomerRequest {
  requestId: string;
  sentAt: number;
  attempts: number;
  first: Message | null;
  accepted: string[];
  cancelSentAt: number | null;
  /** Every PlaceOrder message sent for this request, first attempt first. */
  msgIds: string[];
  /** The CancelOrder message, if the customer asked to cancel. */
  cancelMsgId: string | null;
  /** The Order service's explicit "too late to cancel" answer, if one arrived. */
  cancelRefused: string | null;
}

/** The Customer service. */
export class CustomerService extends ServiceRuntime {
  readonly requests = new Map<string, CustomerRequest>();

  /** Handles one reply from the Order service. */
  handle(msg: Message, _tx: Tx, _d: Delivery): HandlerResult {
    const req = this.requests.get(msg.requestId);
    if (!req) return;
    if (msg.type === 'OrderAccepted') {
      const orderId = String(msg.payload.orderId);
      if (!req.accepted.includes(orderId)) req.accepted.push(orderId);
    } else if (msg.type === 'CancelRefused') req.cancelRefused = msg.id;
  }

  constructor(
    w: World,
    private readonly workloadRng: Rng,
    /** The scenario's workload (plain data: never a closure, so checkpoints can copy the service). */
    private readonly workload: Workload,
  ) {
    super('customer', w, 0);
  }

  /** Schedules the whole workload. */
  start(): void {
    const wl = this.workload;
    for (let i = 0; i < wl.orders; i++) {
      const jitter = wl.intervalMs > 0 ? Math.floor(this.workloadRng.float() * Math.min(20, wl.intervalMs / 2)) : 0;
      const at = Math.round(i * wl.intervalMs) + jitter;
      const impatient = this.workloadRng.chance(this.w.faults().clientRetry);
      const impatientAfter = Math.round(this.workloadRng.between(20, 80));
      const cancels = this.workloadRng.chance(wl.cancelRatio);
      const cancelAfter = Math.round(wl.cancelAfterMs * this.workloadRng.between(0.5, 1.5));
      // Called at time 0, so a delay of `at` lands at `at`. -1 means "does not happen".
      this.timer(at, { type: 'place', requestId: `r${i + 1}`, impatientAfter: impatient ? impatientAfter : -1, cancelAfter: cancels ? cancelAfter : -1 });
    }
  }

  protected override onTimer(ev: ServiceTimer): void {
    const requestId = String(ev.requestId);
    switch (ev.type) {
      case 'place': {
        this.send(requestId);
        const impatientAfter = Number(ev.impatientAfter);
        const cancelAfter = Number(ev.cancelAfter);
        if (impatientAfter >= 0) this.timer(impatientAfter, { type: 'impatientResend', requestId });
        if (cancelAfter >= 0) this.timer(cancelAfter, { type: 'cancel', requestId });
        return;
      }
      case 'impatientResend':
        this.resend(requestId, true);
        return;
      case 'cancel':
        this.cancel(requestId);
        return;
      case 'replyTimeout': {
        const attempt = Number(ev.attempt);
        const req = this.requests.get(requestId)!;
        if (req.accepted.length > 0 || req.attempts !== attempt || attempt >= CUSTOMER_MAX_ATTEMPTS) return;
        this.resend(requestId, false);
        return;
      }
    }
  }

  private send(requestId: string): void {
    const wl = this.workload;
    const req: CustomerRequest = { requestId, sentAt: this.w.sched.now, attempts: 1, first: null, accepted: [], cancelSentAt: null, msgIds: [], cancelMsgId: null, cancelRefused: null };
    this.requests.set(requestId, req);
    this.local((tx) => {
      req.first = tx.send({
        topic: 'order.requests',
        type: 'PlaceOrder',
        key: requestId,
        orderId: null,
        requestId,
        payload: { quantity: wl.quantity, price: wl.price },
      });
      req.msgIds.push(req.first.id);
      this.w.emit({ t: this.w.sched.now, kind: 'request', requestId, attempt: 1, msgId: req.first.id });
    });
    this.watch(requestId, 1);
  }

  /** If no acceptance arrives in time, send the same request again (bounded). */
  private watch(requestId: string, attempt: number): void {
    this.timer(CUSTOMER_TIMEOUT_MS, { type: 'replyTimeout', requestId, attempt });
  }

  private resend(requestId: string, impatient: boolean): void {
    const req = this.requests.get(requestId)!;
    if (!impatient && req.accepted.length > 0) return;
    req.attempts++;
    const first = req.first!;
    this.local((tx) => {
      const m = tx.send({
        topic: 'order.requests',
        type: 'PlaceOrder',
        key: requestId,
        orderId: null,
        requestId,
        payload: first.payload,
        seq: first.seq,
      });
      req.msgIds.push(m.id);
      this.w.emit({ t: this.w.sched.now, kind: 'request', requestId, attempt: req.attempts, msgId: m.id });
    });
    if (!impatient) this.watch(requestId, req.attempts);
  }

  private cancel(requestId: string): void {
    const req = this.requests.get(requestId)!;
    req.cancelSentAt = this.w.sched.now;
    this.local((tx) => {
      req.cancelMsgId = tx.send({ topic: 'order.requests', type: 'CancelOrder', key: requestId, orderId: null, requestId, payload: {} }).id;
    });
  }

  figures(): Record<string, number> {
    let accepted = 0;
    for (const r of this.requests.values()) if (r.accepted.length) accepted++;
    return { requests: this.requests.size, accepted };
  }
}
