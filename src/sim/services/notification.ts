/**
 * The Notification service: sends the customer emails. An email is an irreversible side effect:
 * nothing can unsend it, which is why compensation is not the same as reversal.
 */
import type { Delivery } from '../bus';
import { type HandlerResult, ServiceRuntime, type Tx, type World } from '../runtime';
import type { Message, MessageType } from '../types';

/** The email templates. */
export type Template = 'confirmed' | 'cancelled' | 'shipped';

/** One sent email. */
export interface Email {
  orderId: string;
  template: Template;
  msgId: string;
  t: number;
}

const TEMPLATE_FOR: Partial<Record<MessageType, Template>> = { OrderConfirmed: 'confirmed', OrderShipped: 'shipped', OrderCancelled: 'cancelled' };

/** The Notification service. */
export class NotificationService extends ServiceRuntime {
  readonly emails: Email[] = [];

  constructor(w: World, skewMs: number) {
    super('notification', w, skewMs);
  }

  /** Sends the email an order event calls for. */
  handle(msg: Message, _tx: Tx, _d: Delivery): HandlerResult {
    const template = TEMPLATE_FOR[msg.type];
    if (!template) return;
    const email = { orderId: msg.orderId!, template, msgId: msg.id, t: this.w.sched.now };
    this.emails.push(email);
    this.w.count('emails');
    this.w.emit({ t: email.t, kind: 'email', orderId: email.orderId, template, msgId: msg.id });
  }

  figures(): Record<string, number> {
    return { emails: this.emails.length, processed: this.processed.size };
  }
}
