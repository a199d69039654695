/**
 * The Notification service: sends the customer emails. An email is an irreversible side effect:
 * nothing can unsend it, which is why compensation is not the same as reversal.
 */
import { type Handler, ServiceRuntime, type World } from '../runtime';
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

/** The Notification service. */
export class NotificationService extends ServiceRuntime {
  readonly emails: Email[] = [];
  protected readonly handlers: Partial<Record<MessageType, Handler>>;

  constructor(w: World, skewMs: number) {
    super('notification', w, skewMs);
    const send =
      (template: Template): Handler =>
      (msg: Message) => {
        const email = { orderId: msg.orderId!, template, msgId: msg.id, t: this.w.sched.now };
        this.emails.push(email);
        this.w.count('emails');
        this.w.emit({ t: email.t, kind: 'email', orderId: email.orderId, template, msgId: msg.id });
      };
    this.handlers = { OrderConfirmed: send('confirmed'), OrderShipped: send('shipped'), OrderCancelled: send('cancelled') };
  }

  figures(): Record<string, number> {
    return { emails: this.emails.length, processed: this.processed.size };
  }
}
