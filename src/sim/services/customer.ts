/**
 * The customer's side: places orders, resends a request that got no answer, may resend an
 * impatient duplicate (the `clientRetry` fault), and sometimes asks to cancel.
 */
import type { Delivery } from '../bus';
import type { Rng } from '../prng';
import { type HandlerResult, type ServiceTimer, ServiceRuntime, type Tx, type World } from '../runtime';
import { CUSTOMER_MAX_ATTEMPTS, customerRequestMachine, type RequestEvent, type RequestSnapshot } from '../machines/customerRequestMachine';
import { notePath, type PathEntry, startPath } from '../machines/path';
import { type Command, start, step } from '../machines/pure';
import { own } from '../rows';
import type { Message, Workload } from '../types';

/** How long the customer waits for "order accepted" before sending the request again. */
export const CUSTOMER_TIMEOUT_MS = 2000;
export { CUSTOMER_MAX_ATTEMPTS };

/** Commands that send a message, and so run inside a local transaction. */
const SENDS: ReadonlySet<string> = new Set(['sendRequest', 'resendRequest', 'sendCancel']);

/** A request as the customer remembers it; attempts, acceptances and a refusal are read from its machine. */
export class CustomerRequest {
  first: Message | null = null;
  cancelSentAt: number | null = null;
  /** Every PlaceOrder message sent for this request, first attempt first. */
  readonly msgIds: string[] = [];
  /** The CancelOrder message, if the customer asked to cancel. */
  cancelMsgId: string | null = null;
  /** Where its machine has been (for the statechart view; not part of the trace). */
  readonly path: PathEntry[];

  constructor(
    readonly requestId: string,
    readonly sentAt: number,
    public machine: RequestSnapshot,
  ) {
    this.path = startPath(sentAt, machine);
  }

  get attempts(): number {
    return this.machine.context.attempts;
  }

  /** Orders the Order service said it accepted for this request. */
  get accepted(): readonly string[] {
    return this.machine.context.accepted;
  }

  /** The Order service's explicit "too late to cancel" answer, if one arrived. */
  get cancelRefused(): string | null {
    return this.machine.context.cancelRefused;
  }
}

/** The Customer service. */
export class CustomerService extends ServiceRuntime {
  readonly requests = new Map<string, CustomerRequest>();

  /** Handles one reply from the Order service. */
  handle(msg: Message, _tx: Tx, _d: Delivery): HandlerResult {
    const req = own(this.requests, msg.requestId);
    if (!req) return;
    if (msg.type === 'OrderAccepted') this.advance(req, { type: 'ACCEPTED', orderId: String(msg.payload.orderId) });
    else if (msg.type === 'CancelRefused') this.advance(req, { type: 'CANCEL_REFUSED', msgId: msg.id });
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
    if (ev.type === 'place') {
      const first = start(customerRequestMachine, undefined);
      const req = new CustomerRequest(requestId, this.w.sched.now, first.snapshot);
      this.requests.set(requestId, req);
      this.apply(req, first.commands);
      const impatientAfter = Number(ev.impatientAfter);
      const cancelAfter = Number(ev.cancelAfter);
      if (impatientAfter >= 0) this.timer(impatientAfter, { type: 'impatientResend', requestId });
      if (cancelAfter >= 0) this.timer(cancelAfter, { type: 'cancel', requestId });
      return;
    }
    const req = own(this.requests, requestId)!;
    if (ev.type === 'impatientResend') this.advance(req, { type: 'IMPATIENT' });
    else if (ev.type === 'cancel') this.advance(req, { type: 'CANCEL' });
    else if (ev.type === 'replyTimeout') this.advance(req, { type: 'REPLY_TIMEOUT', attempt: Number(ev.attempt) });
  }

  /** Moves a request's machine and applies what it asks for. */
  private advance(req: CustomerRequest, event: RequestEvent): void {
    const { snapshot, commands } = step(customerRequestMachine, req.machine, event);
    notePath(req.path, this.w.sched.now, customerRequestMachine, req.machine, snapshot, event, commands);
    req.machine = snapshot;
    this.apply(req, commands);
  }

  /** Sends go out in one local transaction; timers are set after it, as the customer would. */
  private apply(req: CustomerRequest, commands: Command[]): void {
    const requestId = req.requestId;
    if (commands.some((c) => SENDS.has(c.type))) {
      this.local((tx) => {
        for (const c of commands) {
          if (c.type === 'sendCancel') {
            req.cancelSentAt = this.w.sched.now;
            req.cancelMsgId = tx.send({ topic: 'order.requests', type: 'CancelOrder', key: requestId, orderId: null, requestId, payload: {} }).id;
          } else if (c.type === 'sendRequest' || c.type === 'resendRequest') {
            const wl = this.workload;
            // A resend is the same logical message: same payload and sequence number, new id.
            const m = tx.send({
              topic: 'order.requests',
              type: 'PlaceOrder',
              key: requestId,
              orderId: null,
              requestId,
              payload: req.first ? req.first.payload : { quantity: wl.quantity, price: wl.price },
              seq: req.first?.seq,
            });
            req.first ??= m;
            req.msgIds.push(m.id);
            this.w.emit({ t: this.w.sched.now, kind: 'request', requestId, attempt: req.attempts, msgId: m.id });
          }
        }
      });
    }
    for (const c of commands) if (c.type === 'startReplyTimer') this.timer(CUSTOMER_TIMEOUT_MS, { type: 'replyTimeout', requestId, attempt: req.attempts });
  }

  figures(): Record<string, number> {
    let accepted = 0;
    for (const r of this.requests.values()) if (r.accepted.length) accepted++;
    return { requests: this.requests.size, accepted };
  }
}
