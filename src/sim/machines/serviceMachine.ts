/**
 * The life of one service process: up (taking deliveries) or down (crashed, waiting to restart).
 * Run as a pure function (./pure.ts): its actions come back as named commands (`runWork`,
 * `recover`) that the runtime carries out, so the snapshot is plain data and holds no hooks.
 * The service's database lives outside the machine, as a real database outlives its process.
 */
import { type SnapshotFrom, setup } from 'xstate';

/** Events the service machine accepts. */
export type ServiceEvent = { type: 'DELIVER' } | { type: 'CRASH' } | { type: 'RESTART' };

/** Service process machine: `up` ⇄ `down`. Deliveries sent while down are ignored by design. */
export const serviceMachine = setup({
  types: {
    context: {} as { crashes: number },
    events: {} as ServiceEvent,
  },
  actions: {
    runWork: () => {},
    recover: () => {},
  },
}).createMachine({
  id: 'service',
  initial: 'up',
  context: { crashes: 0 },
  states: {
    up: {
      on: {
        DELIVER: { actions: 'runWork' },
        CRASH: { target: 'down' },
      },
    },
    down: {
      on: { RESTART: { target: 'up', actions: 'recover' } },
    },
  },
});

/** A service process's snapshot. */
export type ServiceSnapshot = SnapshotFrom<typeof serviceMachine>;
