/**
 * Every kind of event the scheduler can hold, as plain data. The engine dispatches each one through
 * a fixed table (engine.ts `dispatch`), so the event heap holds no behaviour and a checkpoint can
 * copy it like any other table.
 */
import type { Delivery, InTransit, PartitionQueue } from './bus';
import type { ReconcilerTimer } from './reconciler';
import type { OutboxRow, PendingWork, ServiceTimer } from './runtime';
import type { ServiceId, SettingChange } from './types';

/** One scheduled event's payload. References point at plain-data rows of the same simulation. */
export type SimEvent =
  /** The broker stores a published message (unless a what-if withdrew it). */
  | { kind: 'store'; entry: InTransit }
  /** The broker hands the head of a queue to its consumer. */
  | { kind: 'deliver'; q: PartitionQueue; d: Delivery }
  /** A partition's retry wait is over: try its head again. */
  | { kind: 'pump'; q: PartitionQueue }
  /** A copy delayed by a what-if comes back to the tail of its queue. */
  | { kind: 'requeue'; q: PartitionQueue; d: Delivery }
  /** A timer a service set for itself. */
  | { kind: 'timer'; svc: ServiceId; event: ServiceTimer }
  /** A timer the reconciliation job set for itself. */
  | { kind: 'reconciler'; event: ReconcilerTimer }
  /** The second step of a two-step handler (e.g. Inventory's race window). */
  | { kind: 'resume'; svc: ServiceId; work: PendingWork }
  /** A crashed process comes back up. */
  | { kind: 'restart'; svc: ServiceId }
  /** A restarted process resumes its work (the next event at the restart's instant). */
  | { kind: 'recover'; svc: ServiceId }
  /** The outbox relay publishes a row again, having had no ack from the broker. */
  | { kind: 'relayRetry'; svc: ServiceId; row: OutboxRow; epoch: number }
  /** The reconciliation job's periodic tick. */
  | { kind: 'reconcileTick' }
  /** A control change without an event position (hand-written, or from a v1 link), made at its time. */
  | { kind: 'control'; change: SettingChange };
