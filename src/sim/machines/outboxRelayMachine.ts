/**
 * One outbox row as the relay sees it: written with the transaction (pending), then published and
 * waiting for the broker's ack (inflight) until the ack comes (stored: the row is deleted). A
 * publish that gets no ack (lost on the way) sets a retry timer; when it fires the relay publishes
 * the row again. A crash puts every unacked row back to pending, and the restarted relay publishes
 * it again — which is how the outbox heals lost publishes, and why, without an idempotent
 * consumer, a message can arrive twice.
 *
 * Run as a pure function (./pure.ts) by the runtime, one snapshot per row.
 */
import { type SnapshotFrom, setup } from 'xstate';

/** Events of one outbox row. */
export type OutboxRelayEvent = { type: 'PUBLISH' } | { type: 'STORED' } | { type: 'LOST' } | { type: 'RETRY' } | { type: 'RESTART' };

/** The relay's view of one outbox row. */
export const outboxRelayMachine = setup({
  types: { events: {} as OutboxRelayEvent },
  actions: {
    publish: () => {},
    republish: () => {},
    deleteRow: () => {},
    scheduleRetry: () => {},
  },
}).createMachine({
  id: 'outboxRelay',
  initial: 'pending',
  // Wherever the row is, the broker's ack deletes it, and a lost publish sets a retry timer.
  on: {
    STORED: { target: '.stored', actions: 'deleteRow' },
    LOST: { actions: 'scheduleRetry', description: 'No ack (the publish was lost): publish again after a while.', meta: { faultPoints: ['drop'] } },
  },
  states: {
    pending: {
      description: 'Written in the same transaction as the change; not yet published.',
      on: {
        PUBLISH: { target: 'inflight', actions: 'publish' },
        RETRY: { target: 'inflight', actions: 'republish' },
      },
    },
    inflight: {
      description: 'Published; waiting for the broker to store it and ack.',
      on: {
        RETRY: { target: 'inflight', actions: 'republish' },
        RESTART: { target: 'pending', description: 'The process crashed before the ack: publish again after the restart.', meta: { faultPoints: ['crashAfterCommit', 'crashBeforeAck'] } },
      },
    },
    stored: { type: 'final', description: 'The broker has it: the row is deleted.' },
  },
});

/** One outbox row's relay snapshot. */
export type OutboxRelaySnapshot = SnapshotFrom<typeof outboxRelayMachine>;
