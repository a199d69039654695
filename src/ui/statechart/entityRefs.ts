/**
 * Which single entities the statechart view can open, and where each one's snapshot and recorded
 * path sit in the running simulation. Read at the playhead, never copied.
 */
import type { AnyMachineSnapshot } from 'xstate';
import type { Simulation } from '../../sim/engine';
import type { EntityKind } from '../../sim/machines';
import type { PathEntry } from '../../sim/machines/path';

/** One entity: its kind, the key that finds it, and a short label for its button. */
export interface EntityRef {
  kind: EntityKind;
  /** Request id, payment row index, order id (reservation, shipment, emails) or `round` for the job. */
  key: string;
  label: string;
}

/** An entity's machine snapshot and its path so far. */
export interface EntityRecord {
  snapshot: AnyMachineSnapshot | null;
  path: readonly PathEntry[];
}

/** The reconciliation job: one per run. */
export const JOB_REF: EntityRef = { kind: 'job', key: 'round', label: 'Reconciliation round' };

/** The snapshot and path of one entity, or null when it does not exist (yet) at the playhead. */
export function entityRecord(sim: Simulation, ref: EntityRef): EntityRecord | null {
  const s = sim.s;
  const at = <T>(m: Map<string, T>) => m.get(ref.key);
  switch (ref.kind) {
    case 'request': {
      const r = at(s.customer.requests);
      return r ? { snapshot: r.machine as AnyMachineSnapshot, path: r.path } : null;
    }
    case 'payment': {
      const r = s.payment.rows[Number(ref.key)];
      return r ? { snapshot: r.machine as AnyMachineSnapshot, path: r.path } : null;
    }
    case 'reservation': {
      const m = at(s.inventory.machines);
      return m ? { snapshot: m as AnyMachineSnapshot, path: at(s.inventory.paths) ?? [] } : null;
    }
    case 'shipment': {
      const m = at(s.shipping.machines);
      return m ? { snapshot: m as AnyMachineSnapshot, path: at(s.shipping.paths) ?? [] } : null;
    }
    case 'email': {
      const m = at(s.notification.machines);
      return m ? { snapshot: m as AnyMachineSnapshot, path: at(s.notification.paths) ?? [] } : null;
    }
    case 'job':
      return { snapshot: sim.reconciler.machine as AnyMachineSnapshot, path: sim.reconciler.path };
    default:
      return null;
  }
}

/** An order's own entities, in the order work reaches them: request, each payment, reservation, shipment, emails. */
export function entitiesOfOrder(sim: Simulation, orderId: string): EntityRef[] {
  const s = sim.s;
  const row = s.order.orders.get(orderId);
  const out: EntityRef[] = [];
  if (row && s.customer.requests.has(row.requestId)) out.push({ kind: 'request', key: row.requestId, label: `Request ${row.requestId}` });
  const payments = s.payment.byOrder.get(orderId) ?? [];
  payments.forEach((p, i) => {
    out.push({ kind: 'payment', key: String(p.index), label: payments.length > 1 ? `Payment ${i + 1} of ${payments.length}` : 'Payment' });
  });
  if (s.inventory.machines.has(orderId)) out.push({ kind: 'reservation', key: orderId, label: 'Reservation' });
  if (s.shipping.machines.has(orderId)) out.push({ kind: 'shipment', key: orderId, label: 'Shipment' });
  if (s.notification.machines.has(orderId)) out.push({ kind: 'email', key: orderId, label: 'Emails' });
  return out;
}

/** How many single entities a service lists to open (the latest ones; an order's own are under the order). */
export const LIST_LIMIT = 12;

/** The latest entities of one kind, newest first, at most `LIST_LIMIT`, and how many there are in all. */
export function latestEntities(sim: Simulation, kind: EntityKind): { refs: EntityRef[]; total: number } {
  const s = sim.s;
  const keyed = (keys: Iterable<string>, label: (k: string) => string) => {
    const all = [...keys];
    return { refs: all.slice(-LIST_LIMIT).reverse().map((key) => ({ kind, key, label: label(key) })), total: all.length };
  };
  switch (kind) {
    case 'request':
      return keyed(s.customer.requests.keys(), (k) => k);
    case 'payment': {
      const rows = s.payment.rows;
      // A second payment for one order is a duplicate charge: say which one it is.
      const refs = rows
        .slice(-LIST_LIMIT)
        .reverse()
        .map((r) => {
          const nth = s.payment.byOrder.get(r.orderId)?.indexOf(r) ?? 0;
          return { kind, key: String(r.index), label: nth > 0 ? `${r.orderId} (payment ${nth + 1})` : r.orderId };
        });
      return { refs, total: rows.length };
    }
    case 'reservation':
      return keyed(s.inventory.machines.keys(), (k) => k);
    case 'shipment':
      return keyed(s.shipping.machines.keys(), (k) => k);
    case 'email':
      return keyed(s.notification.machines.keys(), (k) => k);
    default:
      return { refs: [], total: 0 };
  }
}

/** Same entity? */
export function sameRef(a: EntityRef | null, b: EntityRef | null): boolean {
  return !!a && !!b && a.kind === b.kind && a.key === b.key;
}
