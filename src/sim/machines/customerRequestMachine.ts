/**
 * One customer request as the customer lives it: sent, then waiting for "order accepted"; with no
 * answer in time the customer sends it again, a bounded number of times, and then gives up. An
 * impatient customer (the `clientRetry` fault) sends a copy without waiting. Timers and messages
 * are commands for the Customer service.
 */
import { assign, type SnapshotFrom, setup } from 'xstate';

/** How many times the customer sends one request at most. */
export const CUSTOMER_MAX_ATTEMPTS = 3;

/** What the customer remembers about a request. */
export interface RequestContext {
  /** Copies of the request sent so far. */
  attempts: number;
  /** Orders the Order service said it accepted for this request (more than one: a duplicate order). */
  accepted: string[];
  /** The Order service's "too late to cancel" answer, if one arrived. */
  cancelRefused: string | null;
}

/** Events of one request. */
export type RequestEvent =
  | { type: 'ACCEPTED'; orderId: string }
  | { type: 'REPLY_TIMEOUT'; attempt: number }
  | { type: 'IMPATIENT' }
  | { type: 'CANCEL' }
  | { type: 'CANCEL_REFUSED'; msgId: string };

/** The waiting states share what an unanswered request does when its timer runs out. */
const ON_TIMEOUT = [
  { guard: 'attemptsLeft', target: 'resending', reenter: true, actions: 'countCopy' },
  { guard: 'latestCopy', target: 'gaveUp' },
] as const;

/** The customer-request machine. */
export const customerRequestMachine = setup({
  types: { context: {} as RequestContext, events: {} as RequestEvent },
  actions: {
    accept: assign({
      accepted: ({ context, event }) => (event.type === 'ACCEPTED' && !context.accepted.includes(event.orderId) ? [...context.accepted, event.orderId] : context.accepted),
    }),
    countCopy: assign({ attempts: ({ context }) => context.attempts + 1 }),
    noteRefusal: assign({ cancelRefused: ({ event }) => (event.type === 'CANCEL_REFUSED' ? event.msgId : null) }),
    // Commands for the Customer service (never executed here; see pure.ts).
    sendRequest: () => {},
    resendRequest: () => {},
    startReplyTimer: () => {},
    sendCancel: () => {},
  },
  guards: {
    // The timer is the one set for the latest copy (an impatient copy makes older timers stale).
    latestCopy: ({ context, event }) => event.type === 'REPLY_TIMEOUT' && event.attempt === context.attempts,
    attemptsLeft: ({ context, event }) => event.type === 'REPLY_TIMEOUT' && event.attempt === context.attempts && context.attempts < CUSTOMER_MAX_ATTEMPTS,
  },
}).createMachine({
  id: 'request',
  initial: 'awaitingReply',
  context: { attempts: 1, accepted: [], cancelRefused: null },
  on: {
    IMPATIENT: { actions: ['countCopy', 'resendRequest'], meta: { faultPoints: ['clientRetry'] } },
    CANCEL: { actions: 'sendCancel' },
    CANCEL_REFUSED: { actions: 'noteRefusal' },
  },
  states: {
    awaitingReply: {
      description: 'PlaceOrder sent; waiting for "order accepted". It or its answer may be lost.',
      meta: { faultPoints: ['drop'] },
      entry: ['sendRequest', 'startReplyTimer'],
      on: { ACCEPTED: { target: 'answered', actions: 'accept' }, REPLY_TIMEOUT: ON_TIMEOUT },
    },
    resending: {
      description: 'No answer in time: the same request (same id) went out again.',
      entry: ['resendRequest', 'startReplyTimer'],
      on: { ACCEPTED: { target: 'answered', actions: 'accept' }, REPLY_TIMEOUT: ON_TIMEOUT },
    },
    answered: {
      description: 'The Order service accepted it (a second acceptance means a duplicate order).',
      on: { ACCEPTED: { actions: 'accept' } },
    },
    gaveUp: {
      description: 'No answer after every attempt; a late answer is still heard.',
      on: { ACCEPTED: { target: 'answered', actions: 'accept' } },
    },
  },
});

/** A snapshot of one request. */
export type RequestSnapshot = SnapshotFrom<typeof customerRequestMachine>;
