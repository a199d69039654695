/**
 * A service's consumer loop: the process is up (taking deliveries) or down (crashed, waiting to
 * restart), and each delivery is one transition whose guarded branches say what becomes of it —
 * rejected as poison, absorbed as a duplicate or a stale version, parked until an earlier version
 * arrives, failed by its handler, continued in a second step, committed and acknowledged, or cut
 * short by a crash after the commit (the publishes are lost) or before the ack (the message comes
 * back). Each branch lists, in order, the actions the runtime carries out, so the chart shows
 * exactly where a crash strikes.
 *
 * Run as a pure function (./pure.ts): the runtime checks the delivery, runs the service's handler
 * into a local transaction and draws the crash faults, puts what it found on the event, and the
 * machine decides. Its actions come back as commands; nothing here touches the runtime.
 */
import { type SnapshotFrom, setup } from 'xstate';

/** What the runtime found out about a delivery before the machine decides its fate. */
export interface DeliveryFacts {
  /** A message no handler can process. */
  poison: boolean;
  /** Already in the processed-message table (idempotent consumer on). */
  seen: boolean;
  /** Versioned ordering: this key's next version, an older one, one too early — or not checked. */
  version: 'next' | 'old' | 'early' | 'unchecked';
  /** The handler's result; 'skipped' when it did not run (the branches above it took the delivery). */
  result: 'done' | 'fail' | 'later' | 'skipped';
  /** A crash fault (random or a what-if) striking this commit, if any. */
  crash: 'none' | 'afterCommit' | 'beforeAck';
}

/** Events of the consumer loop. */
export type ConsumerEvent =
  | ({ type: 'DELIVER' } & DeliveryFacts)
  /** The second step of a two-step handler (e.g. Inventory's race window) is due. */
  | { type: 'FINISH'; crash: DeliveryFacts['crash']; staleEpoch: boolean }
  /** Work that is not a delivery (a timer, a provider reply, a resend) commits locally. */
  | { type: 'LOCAL'; crash: 'none' | 'afterCommit' }
  | { type: 'RESTART' };

type Facts = { event: ConsumerEvent };

const is =
  <K extends keyof DeliveryFacts>(key: K, value: DeliveryFacts[K]) =>
  ({ event }: Facts) =>
    (event as Partial<DeliveryFacts>)[key] === value;

/** The consumer loop every service runs. */
export const consumerMachine = setup({
  types: {
    events: {} as ConsumerEvent,
  },
  guards: {
    poison: is('poison', true),
    alreadyProcessed: is('seen', true),
    olderVersion: is('version', 'old'),
    tooEarly: is('version', 'early'),
    handlerFailed: is('result', 'fail'),
    secondStepLater: is('result', 'later'),
    crashAfterCommit: is('crash', 'afterCommit'),
    crashBeforeAck: is('crash', 'beforeAck'),
    fromEarlierLife: ({ event }) => event.type === 'FINISH' && event.staleEpoch,
  },
  // Named effects only: the runtime carries each out, in the order listed, inside the transaction.
  actions: {
    reject: () => {},
    absorbDuplicate: () => {},
    absorbStale: () => {},
    park: () => {},
    abort: () => {},
    nack: () => {},
    waitForSecondStep: () => {},
    commit: () => {},
    publish: () => {},
    ack: () => {},
    drainBuffer: () => {},
    crash: () => {},
    recover: () => {},
  },
}).createMachine({
  id: 'consumer',
  initial: 'up',
  states: {
    up: {
      description: 'Taking deliveries: one message at a time per partition.',
      on: {
        DELIVER: [
          { guard: 'poison', actions: 'reject', description: 'No handler can process it: the broker retries, then dead-letters or skips it.' },
          { guard: 'alreadyProcessed', actions: ['absorbDuplicate', 'ack'], description: 'Idempotent consumer: its id is in the processed table.' },
          { guard: 'olderVersion', actions: ['absorbStale', 'ack'], description: 'Versioned ordering: this version was already applied.' },
          { guard: 'tooEarly', actions: ['park', 'ack'], description: 'Versioned ordering: parked until the missing version arrives.' },
          { guard: 'handlerFailed', actions: ['abort', 'nack'], description: 'The handler failed: nothing is written, the broker retries.' },
          { guard: 'secondStepLater', actions: 'waitForSecondStep', description: 'The handler read now and writes later (a race window).' },
          {
            guard: 'crashAfterCommit',
            target: 'down',
            actions: ['commit', 'crash'],
            description: 'Committed, then the process died before publishing: without an outbox the messages are lost.',
            meta: { faultPoints: ['crashAfterCommit'] },
          },
          {
            guard: 'crashBeforeAck',
            target: 'down',
            actions: ['commit', 'publish', 'crash'],
            description: 'Committed and published, then the process died before the ack: the broker delivers it again.',
            meta: { faultPoints: ['crashBeforeAck'] },
          },
          { actions: ['commit', 'publish', 'ack', 'drainBuffer'], description: 'Handled: committed, published, acknowledged.' },
        ],
        FINISH: [
          { guard: 'fromEarlierLife', description: 'Begun before a crash: void, the broker redelivers the message.' },
          { guard: 'crashAfterCommit', target: 'down', actions: ['commit', 'crash'], meta: { faultPoints: ['crashAfterCommit'] } },
          { guard: 'crashBeforeAck', target: 'down', actions: ['commit', 'publish', 'crash'], meta: { faultPoints: ['crashBeforeAck'] } },
          { actions: ['commit', 'publish', 'ack', 'drainBuffer'] },
        ],
        LOCAL: [
          { guard: 'crashAfterCommit', target: 'down', actions: ['commit', 'crash'], meta: { faultPoints: ['crashAfterCommit'] } },
          { actions: ['commit', 'publish'], description: 'Work that is not a delivery (a timer, a reply, a resend) commits and publishes.' },
        ],
      },
    },
    down: {
      description: 'Crashed: in-memory work is lost, committed rows survive; deliveries wait.',
      meta: { faultPoints: ['crashAfterCommit', 'crashBeforeAck'] },
      on: { RESTART: { target: 'up', actions: 'recover' } },
    },
  },
});

/** A consumer loop's snapshot (immutable; the service keeps the latest). */
export type ConsumerSnapshot = SnapshotFrom<typeof consumerMachine>;
