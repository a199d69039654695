/**
 * Where each kind of entity keeps its machine's snapshot in the running simulation: the rows
 * of the services' tables. The charts read snapshots only, never a copy of the state.
 */
import type { AnyMachineSnapshot } from 'xstate';
import type { EntityKind } from '../../sim/machines';
import type { ServiceId } from '../../sim/types';
import type { Services } from '../../sim/world';

/**
 * Every live snapshot of one kind of entity. The consumer loop and the outbox rows belong to one
 * service, so they need `service`; the job has none here.
 */
export function snapshotsOf(s: Services, kind: EntityKind, service?: ServiceId): AnyMachineSnapshot[] {
  const pick = <T extends { machine: unknown }>(rows: Iterable<T>) => [...rows].map((r) => r.machine as AnyMachineSnapshot);
  switch (kind) {
    case 'process':
      return service ? [s[service].process as AnyMachineSnapshot] : [];
    case 'outboxRow':
      // A row the broker has acked is deleted, so only pending and in-flight rows are counted.
      return service ? s[service].outbox.map((r) => r.relay as AnyMachineSnapshot) : [];
    case 'request':
      return pick(s.customer.requests.values());
    case 'order':
      return pick(s.order.orders.values());
    case 'payment':
      return pick(s.payment.rows);
    case 'reservation':
      return [...s.inventory.machines.values()] as AnyMachineSnapshot[];
    case 'shipment':
      return [...s.shipping.machines.values()] as AnyMachineSnapshot[];
    case 'email':
      return [...s.notification.machines.values()] as AnyMachineSnapshot[];
    default:
      return [];
  }
}

/** The snapshot of one order's entity of `kind` (its latest payment if it has several), or null. */
export function snapshotForOrder(s: Services, kind: EntityKind, orderId: string): AnyMachineSnapshot | null {
  const row = s.order.orders.get(orderId);
  switch (kind) {
    case 'order':
      return (row?.machine as AnyMachineSnapshot | undefined) ?? null;
    case 'request':
      return row ? ((s.customer.requests.get(row.requestId)?.machine as AnyMachineSnapshot | undefined) ?? null) : null;
    case 'payment':
      return (s.payment.byOrder.get(orderId)?.at(-1)?.machine as AnyMachineSnapshot | undefined) ?? null;
    case 'reservation':
      return (s.inventory.machines.get(orderId) as AnyMachineSnapshot | undefined) ?? null;
    case 'shipment':
      return (s.shipping.machines.get(orderId) as AnyMachineSnapshot | undefined) ?? null;
    case 'email':
      return (s.notification.machines.get(orderId) as AnyMachineSnapshot | undefined) ?? null;
    default:
      return null;
  }
}

/** How many payments an order has (more than one: a duplicate charge). */
export function paymentsOf(s: Services, orderId: string): number {
  return s.payment.byOrder.get(orderId)?.length ?? 0;
}
