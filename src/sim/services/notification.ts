/**
 * The Notification service: sends the customer emails. An email is an irreversible side effect:
 * nothing can unsend it, which is why compensation is not the same as reversal.
 */
import type { Delivery } from '../bus';
import { type EmailEvent, type EmailSnapshot, emailMachine, type Template } from '../machines/emailMachine';
import { initialSnapshot } from '../machines/initial';
import { notePath, type PathEntry } from '../machines/path';
import { step } from '../machines/pure';
import { type HandlerResult, ServiceRuntime, type Tx, type World } from '../runtime';
import { own } from '../rows';
import type { Message, MessageType } from '../types';

/** The email templates. */
export type { Template };

/** One sent email. */
export interface Email {
  orderId: string;
  template: Template;
  msgId: string;
  t: number;
}

const EVENT_FOR: Partial<Record<MessageType, EmailEvent['type']>> = { OrderConfirmed: 'CONFIRMED', OrderShipped: 'SHIPPED', OrderCancelled: 'CANCELLED' };

/** The Notification service. */
export class NotificationService extends ServiceRuntime {
  readonly emails: Email[] = [];
  /** What each order's customer has been told so far. */
  readonly machines = new Map<string, EmailSnapshot>();
  /** Where each order's email machine has been (for the statechart view; not in the trace). */
  readonly paths = new Map<string, PathEntry[]>();

  constructor(w: World, skewMs: number) {
    super('notification', w, skewMs);
  }

  /** Sends the email an order event calls for: every one, at once (nothing can unsend it). */
  handle(msg: Message, _tx: Tx, _d: Delivery): HandlerResult {
    const event = EVENT_FOR[msg.type];
    if (!event || !msg.orderId) return undefined;
    const orderId = msg.orderId;
    const before = this.machines.get(orderId) ?? initialSnapshot(emailMachine);
    const next = step(emailMachine, before, { type: event });
    this.machines.set(orderId, next.snapshot);
    const path = own(this.paths, orderId) ?? [];
    if (path.length === 0) this.paths.set(orderId, path);
    notePath(path, this.w.sched.now, emailMachine, before, next.snapshot, { type: event }, next.commands);
    for (const c of next.commands) {
      if (c.type !== 'sendEmail') continue;
      const template = c.params.template as Template;
      const email = { orderId, template, msgId: msg.id, t: this.w.sched.now };
      this.emails.push(email);
      this.w.count('emails');
      this.w.emit({ t: email.t, kind: 'email', orderId, template, msgId: msg.id });
    }
    return undefined;
  }

  figures(): Record<string, number> {
    return { emails: this.emails.length, processed: this.processed.size };
  }
}
