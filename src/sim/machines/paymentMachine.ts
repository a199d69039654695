/**
 * One payment: a ChargePayment turned into calls to the external provider. The provider's reply
 * can be lost (the `paymentTimeout` fault); then the payment times out and, with retries on,
 * calls again after a backoff. The machine keeps no clock: it asks its service for timers
 * (`scheduleCall`, `startTimeout`, `scheduleRetry`) and reports through commands.
 */
import { assign, type SnapshotFrom, setup } from 'xstate';

/** How many calls one payment makes at most when retrying. */
export const MAX_CALL_ATTEMPTS = 5;

/** Why a call to the provider happens (shown on the provider's ledger). */
export type CallReason = 'first call' | 'retry after timeout' | 'resume after crash' | 'duplicate delivery';

/** What a payment remembers. */
export interface PaymentContext {
  /** Calls made so far; a reply or timeout for an older call is stale. */
  attempts: number;
  /** A refund was asked for while a call was still out: refund as soon as the charge lands. */
  refundRequested: boolean;
  reason: CallReason;
}

/** Events of one payment. */
export type PaymentEvent =
  | { type: 'CHARGE'; reason: CallReason }
  | { type: 'CALL' }
  | { type: 'REPLY'; attempt: number }
  | { type: 'TIMEOUT'; attempt: number; retries: boolean }
  | { type: 'RETRY' }
  | { type: 'RESUME' }
  | { type: 'REFUND' };

const attemptOf = (e: PaymentEvent) => (e.type === 'REPLY' || e.type === 'TIMEOUT' ? e.attempt : -1);

/** The payment machine. */
export const paymentMachine = setup({
  types: { context: {} as PaymentContext, events: {} as PaymentEvent },
  actions: {
    // Commands for the Payment service (never executed here; see pure.ts).
    scheduleCall: () => {},
    callProvider: () => {},
    startTimeout: () => {},
    scheduleRetry: () => {},
    reportCaptured: () => {},
    reportFailed: () => {},
    refundCharges: () => {},
  },
  guards: {
    // The event is about the latest call (replies and timeouts of older calls are stale).
    currentAttempt: ({ context, event }) => attemptOf(event) === context.attempts,
        // The latest call timed out, retries are on, and calls are left.
    retriesLeft: ({ context, event }) => event.type === 'TIMEOUT' && event.attempt === context.attempts && event.retries && context.attempts < MAX_CALL_ATTEMPTS,
  },
}).createMachine({
  id: 'payment',
  initial: 'requested',
  context: { attempts: 0, refundRequested: false, reason: 'first call' },
  states: {
    requested: {
      description: 'A ChargePayment arrived; nothing has been asked of the provider yet.',
      on: { CHARGE: { target: 'charging', actions: assign({ reason: ({ event }) => (event.type === 'CHARGE' ? event.reason : 'first call') }) } },
    },
    charging: {
      description: 'Money is being taken: a call to the provider is about to go out, out, or due again.',
      initial: 'calling',
      on: {
        // A reply to the latest call wins even while a retry waits: the money was taken.
        REPLY: { guard: 'currentAttempt', target: 'captured', actions: 'reportCaptured' },
        REFUND: { actions: assign({ refundRequested: true }) },
        RESUME: { target: '.calling', reenter: true, actions: assign({ reason: 'resume after crash' as CallReason }) },
      },
      states: {
        calling: {
          description: 'The call leaves once the transaction that asked for it has committed.',
          entry: 'scheduleCall',
          on: { CALL: { target: 'awaitingProvider', actions: [assign({ attempts: ({ context }) => context.attempts + 1 }), 'callProvider', 'startTimeout'] } },
        },
        awaitingProvider: {
          description: 'The provider charges on arrival; its reply may be lost on the way back.',
          meta: { faultPoints: ['paymentTimeout'] },
          on: {
            TIMEOUT: [
              { guard: 'retriesLeft', target: 'retryScheduled', actions: 'scheduleRetry' },
              { guard: 'currentAttempt', target: '#payment.failed', actions: 'reportFailed' },
            ],
          },
        },
        retryScheduled: {
          description: 'Waiting out the backoff before calling again (the last call may still have charged).',
          on: { RETRY: { target: 'calling', actions: assign({ reason: 'retry after timeout' as CallReason }) } },
        },
      },
    },
    captured: {
      description: 'The provider confirmed the charge.',
      on: { REFUND: { target: 'refunded', actions: 'refundCharges' } },
    },
    failed: { description: 'Gave up: no confirmation from the provider (a charge may still exist there).', meta: { faultPoints: ['paymentTimeout'] } },
    refunded: { description: 'Every charge of this payment was given back.' },
  },
});

/** A snapshot of one payment. */
export type PaymentSnapshot = SnapshotFrom<typeof paymentMachine>;
