/**
 * One order's shipment: Shipping picks the goods if they physically exist. Once shipped, another
 * ShipOrder changes nothing (shipping is idempotent by nature); after a failure a new ShipOrder
 * tries again.
 */
import { assign, type SnapshotFrom, setup } from 'xstate';

/** What a shipment knows. */
export interface ShipmentContext {
  quantity: number;
  /** Units in the warehouse when the latest ShipOrder was handled. */
  warehouse: number;
}

/** The shipment machine. */
export const shipmentMachine = setup({
  types: { context: {} as ShipmentContext, events: {} as { type: 'SHIP'; quantity: number; warehouse: number } },
  actions: {
    // Commands for the Shipping service (never executed here; see pure.ts).
    pick: () => {},
    reportEmpty: () => {},
  },
  guards: {
    inStock: ({ context }) => context.warehouse >= context.quantity,
  },
}).createMachine({
  id: 'shipment',
  initial: 'requested',
  context: { quantity: 0, warehouse: 0 },
  states: {
    requested: {
      description: 'No ShipOrder handled yet.',
      on: { SHIP: { target: 'picking', actions: assign(({ event }) => ({ quantity: event.quantity, warehouse: event.warehouse })) } },
    },
    picking: {
      description: 'ShipOrder arrived: look on the shelves.',
      always: [
        { guard: 'inStock', target: 'shipped', actions: 'pick' },
        { target: 'failed', actions: 'reportEmpty' },
      ],
    },
    shipped: { description: 'The goods left the warehouse; a repeated ShipOrder is absorbed.', meta: { faultPoints: ['duplicate'] } },
    failed: {
      description: 'The warehouse was empty (oversold): the order cannot be fulfilled.',
      meta: { faultPoints: ['raceWindowMs'] },
      on: { SHIP: { target: 'picking', actions: assign(({ event }) => ({ quantity: event.quantity, warehouse: event.warehouse })) } },
    },
  },
});

/** A snapshot of one shipment. */
export type ShipmentSnapshot = SnapshotFrom<typeof shipmentMachine>;
