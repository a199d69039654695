/**
 * One stock reservation in the Inventory service: read the stock, decide, write. With a race
 * window the write happens later than the read, and another consumer instance may write in
 * between; a conditional update (compare-and-set) notices and reads again, a plain write loses
 * the other's update. The stock ledger itself stays in the service; the machine says what to do.
 */
import { assign, type SnapshotFrom, setup } from 'xstate';

/** What one reservation knows. */
export interface ReservationContext {
  quantity: number;
  /** The stock count as this reservation read it. */
  read: number;
  /** How long the write follows the read (0 after a compare-and-set retry: it decides at once). */
  windowMs: number;
}

/** Events of one reservation. */
export type ReservationEvent = ({ type: 'READ' } & ReservationContext) | { type: 'WRITE'; available: number; conditional: boolean } | { type: 'RELEASE' };

/** The reservation machine. */
export const reservationMachine = setup({
  types: { context: {} as ReservationContext, events: {} as ReservationEvent },
  actions: {
    // Commands for the Inventory service (never executed here; see pure.ts).
    reserve: (_: unknown, _p: { base: number }) => {},
    reject: () => {},
    casRetry: () => {},
    release: () => {},
  },
  guards: {
    raceWindowOpen: ({ context }) => context.windowMs > 0,
    enoughStock: ({ context }) => context.read >= context.quantity,
    // Compare-and-set: the count is not what was read, so someone wrote in between.
    casFailed: ({ context, event }) => event.type === 'WRITE' && event.conditional && event.available !== context.read,
  },
}).createMachine({
  id: 'reservation',
  initial: 'requested',
  context: { quantity: 0, read: 0, windowMs: 0 },
  states: {
    requested: {
      description: 'A ReserveStock arrived.',
      on: {
        READ: {
          target: 'reading',
          actions: assign(({ event }) => (event.type === 'READ' ? { quantity: event.quantity, read: event.read, windowMs: event.windowMs } : {})),
        },
      },
    },
    reading: {
      description: 'The stock count has just been read.',
      always: [
        { guard: 'raceWindowOpen', target: 'deciding' },
        { guard: 'enoughStock', target: 'reserved', actions: { type: 'reserve', params: ({ context }) => ({ base: context.read }) } },
        { target: 'rejected', actions: 'reject' },
      ],
    },
    deciding: {
      description: 'Inside the race window: read done, write pending. Another instance may write now.',
      meta: { faultPoints: ['raceWindowMs'] },
      on: {
        WRITE: [
          { guard: 'casFailed', target: 'reading', actions: [assign({ read: ({ event }) => (event.type === 'WRITE' ? event.available : 0), windowMs: 0 }), 'casRetry'] },
          { guard: 'enoughStock', target: 'reserved', actions: { type: 'reserve', params: ({ context }) => ({ base: context.read }) } },
          { target: 'rejected', actions: 'reject' },
        ],
      },
    },
    reserved: {
      description: 'Units set aside for the order (from a stale read, another order may hold the same units).',
      on: { RELEASE: { target: 'released', actions: 'release' } },
    },
    rejected: { description: 'Not enough stock as read.' },
    released: { description: 'The order was called off and the units went back.' },
  },
});

/** A snapshot of one reservation. */
export type ReservationSnapshot = SnapshotFrom<typeof reservationMachine>;
