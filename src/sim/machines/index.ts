/**
 * Every machine the simulation runs, in one list: the statechart view draws each from its own
 * definition and finds which ones a service runs. Add a machine here and it can be opened in
 * the UI; nothing else needs to know about it.
 */
import type { AnyStateMachine } from 'xstate';
import type { ServiceId } from '../types';
import { consumerMachine } from './consumerMachine';
import { customerRequestMachine } from './customerRequestMachine';
import { emailMachine } from './emailMachine';
import { orderMachine } from './orderMachine';
import { outboxRelayMachine } from './outboxRelayMachine';
import { paymentMachine } from './paymentMachine';
import { reconciliationMachine } from './reconciliationMachine';
import { reservationMachine } from './reservationMachine';
import { shipmentMachine } from './shipmentMachine';

/** What one instance of a machine stands for. */
export type EntityKind = 'process' | 'outboxRow' | 'request' | 'order' | 'payment' | 'reservation' | 'shipment' | 'email' | 'job';

/** One machine and who runs it. */
export interface MachineEntry {
  /** Unique, stable id (also the machine's own id). */
  id: string;
  /** Short name for people, e.g. "Payment". */
  label: string;
  machine: AnyStateMachine;
  /** One instance per what: a service process, an order, a payment… */
  entity: EntityKind;
  /** Services whose charts show it (`'*'`: every service). The reconciliation job belongs to no service. */
  runBy: readonly (ServiceId | '*')[];
}

/** Every machine, entity machines after the process machines. */
export const MACHINES: readonly MachineEntry[] = [
  { id: 'consumer', label: 'Consumer loop', machine: consumerMachine, entity: 'process', runBy: ['*'] },
  // Only services whose handlers publish ever write outbox rows; Notification and Analytics publish nothing.
  { id: 'outboxRelay', label: 'Outbox relay', machine: outboxRelayMachine, entity: 'outboxRow', runBy: ['customer', 'order', 'payment', 'inventory', 'shipping'] },
  { id: 'request', label: 'Request', machine: customerRequestMachine, entity: 'request', runBy: ['customer'] },
  { id: 'order', label: 'Order saga', machine: orderMachine, entity: 'order', runBy: ['order'] },
  { id: 'payment', label: 'Payment lifecycle', machine: paymentMachine, entity: 'payment', runBy: ['payment'] },
  { id: 'reservation', label: 'Reservation', machine: reservationMachine, entity: 'reservation', runBy: ['inventory'] },
  { id: 'shipment', label: 'Shipment', machine: shipmentMachine, entity: 'shipment', runBy: ['shipping'] },
  { id: 'email', label: 'Emails', machine: emailMachine, entity: 'email', runBy: ['notification'] },
  { id: 'reconciliation', label: 'Reconciliation job', machine: reconciliationMachine, entity: 'job', runBy: [] },
];

/** The machines a service runs: its consumer loop, its outbox relay, then its entities. */
export function machinesOf(service: ServiceId): MachineEntry[] {
  return MACHINES.filter((m) => m.runBy.includes('*') || m.runBy.includes(service));
}
