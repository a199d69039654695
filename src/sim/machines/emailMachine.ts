/**
 * What the customer has been told about one order, email by email. Every order event the
 * Notification service hears sends an email at once, and nothing can unsend it: a duplicate
 * event sends the same email twice, and a "confirmed" followed by a "cancelled" stays in the
 * inbox as a contradiction.
 */
import { type SnapshotFrom, setup } from 'xstate';

/** The email templates. */
export type Template = 'confirmed' | 'cancelled' | 'shipped';

/** Events: the order events that send an email. */
export type EmailEvent = { type: 'CONFIRMED' } | { type: 'SHIPPED' } | { type: 'CANCELLED' };

const mail = (template: Template) => ({ type: 'sendEmail', params: { template } }) as const;

/** From any state, each order event sends its email; sending the same one again stays put. */
const TELL = {
  CONFIRMED: { target: 'toldConfirmed', actions: mail('confirmed') },
  SHIPPED: { target: 'toldShipped', actions: mail('shipped') },
  CANCELLED: { target: 'toldCancelled', actions: mail('cancelled') },
} as const;

/** The email machine (one per order). */
export const emailMachine = setup({
  types: { events: {} as EmailEvent },
  actions: {
    // A command for the Notification service (never executed here; see pure.ts).
    sendEmail: (_: unknown, _p: { template: Template }) => {},
  },
}).createMachine({
  id: 'email',
  initial: 'nothingSent',
  states: {
    nothingSent: { description: 'No email about this order yet.', on: TELL },
    toldConfirmed: { description: 'Sent: "your order is confirmed".', meta: { faultPoints: ['duplicate'] }, on: TELL },
    toldShipped: { description: 'Sent: "your order has shipped".', meta: { faultPoints: ['duplicate'] }, on: TELL },
    toldCancelled: { description: 'Sent: "your order is cancelled" (after a confirmation, a contradiction).', meta: { faultPoints: ['duplicate'] }, on: TELL },
  },
});

/** A snapshot of one order's emails. */
export type EmailSnapshot = SnapshotFrom<typeof emailMachine>;
