/**
 * The reconciliation job's round: ask the dashboard first, then every other source at once,
 * and only when all have answered compare and repair. A lost query or a crashed source that
 * cannot answer fails the round (after the job's own query retries); the next tick starts over.
 */
import { assign, type SnapshotFrom, setup } from 'xstate';

/** How many sources are asked after the dashboard. */
export const OTHER_SOURCES = 5;

/** Events of the job. */
export type JobEvent = { type: 'TICK' } | { type: 'ANSWER'; ok: boolean };

/** The reconciliation job machine. */
export const reconciliationMachine = setup({
  types: { context: {} as { waiting: number; failed: boolean }, events: {} as JobEvent },
  actions: {
    // Commands for the reconciler (never executed here; see pure.ts).
    askDashboard: () => {},
    askSources: () => {},
    repair: () => {},
    giveUpRound: () => {},
  },
  guards: {
    answered: ({ event }) => event.type === 'ANSWER' && event.ok,
    lastAnswer: ({ context }) => context.waiting === 1,
    lastAnswerAllOk: ({ context, event }) => context.waiting === 1 && !context.failed && event.type === 'ANSWER' && event.ok,
  },
}).createMachine({
  id: 'reconciliation',
  initial: 'idle',
  context: { waiting: 0, failed: false },
  states: {
    idle: {
      description: 'Between rounds; a tick once a second starts one.',
      on: { TICK: { target: 'readingDashboard', actions: 'askDashboard' } },
    },
    readingDashboard: {
      description: 'Reading the dashboard first, so the order table read after it is at least as new.',
      meta: { faultPoints: ['drop', 'crashAfterCommit'] },
      on: {
        ANSWER: [
          { guard: 'answered', target: 'readingSources', actions: [assign({ waiting: OTHER_SOURCES, failed: false }), 'askSources'] },
          { target: 'idle', actions: 'giveUpRound' },
        ],
      },
    },
    readingSources: {
      description: 'Waiting for orders, payments, the provider, inventory and shipping; each answer is already a little stale.',
      meta: { faultPoints: ['drop', 'crashAfterCommit'] },
      on: {
        ANSWER: [
          { guard: 'lastAnswerAllOk', target: 'idle', actions: 'repair' },
          { guard: 'lastAnswer', target: 'idle', actions: 'giveUpRound' },
          { actions: assign({ waiting: ({ context }) => context.waiting - 1, failed: ({ context, event }) => context.failed || (event.type === 'ANSWER' && !event.ok) }) },
        ],
      },
    },
  },
});

/** A snapshot of the job. */
export type JobSnapshot = SnapshotFrom<typeof reconciliationMachine>;
