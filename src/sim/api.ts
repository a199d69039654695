/**
 * The small read-only view of a running simulation that the UI, the lessons and the runner use.
 * Everything here is plain data copied out of the engine, so holding on to it is safe.
 */
import type { Charge } from './services/provider';
import type { Message, OrderState, ServiceId, Topic } from './types';

/** One service as the topology shows it. */
export interface ServiceView {
  id: ServiceId;
  /** The service machine's state: 'up' or 'down' (crashed, waiting to restart). */
  status: 'up' | 'down';
  /** Ids of messages this service is handling right now (delivered, not yet acked). */
  handling: string[];
  /** Short key figures for the node, e.g. { orders: 12, outbox: 0, processed: 30 }. */
  figures: Record<string, number>;
  /** Lamport clock and clock skew of this service. */
  lamport: number;
  skewMs: number;
}

/** A message on its way from the broker to one consumer. */
export interface InFlightView {
  msg: Message;
  to: ServiceId;
  partition: number;
  /** When it was published, and when it is (or was estimated to be) delivered. */
  sentAt: number;
  dueAt: number;
  /** This copy is a duplicate delivery or a redelivery. */
  duplicate: boolean;
  attempt: number;
}

/** One order as the Order service knows it, plus its history. */
export interface OrderView {
  id: string;
  requestId: string;
  state: OrderState;
  placedAt: number;
  history: { t: number; state: OrderState }[];
}

/** One partition of a topic. */
export interface PartitionView {
  topic: Topic;
  index: number;
  /** Stored, not yet delivered (per consumer group, summed). */
  depth: number;
}

/** The provider's ledger: the real money (a charge without its causal bookkeeping). */
export type ChargeView = Pick<Charge, 'id' | 'orderId' | 'amount' | 'key' | 'at' | 'refundedAt'>;

/** Everything the UI draws, at the engine's current time. */
export interface EngineView {
  now: number;
  done: boolean;
  services: Record<ServiceId, ServiceView>;
  orders: OrderView[];
  inFlight: InFlightView[];
  partitions: PartitionView[];
  dlq: Message[];
  charges: ChargeView[];
  stock: { initial: number; available: number; history: { t: number; available: number }[] };
  emails: { orderId: string; template: 'confirmed' | 'cancelled' | 'shipped'; t: number }[];
  /** The analytics dashboard's idea of each order's state. */
  readModel: Record<string, OrderState>;
}

/** Which services consume each topic (one consumer group per service). */
export const CONSUMERS: Record<Topic, ServiceId[]> = {
  'order.requests': ['order'],
  'customer.replies': ['customer'],
  'payment.commands': ['payment'],
  'payment.events': ['order', 'analytics'],
  'inventory.commands': ['inventory'],
  'inventory.events': ['order'],
  'shipping.commands': ['shipping'],
  'shipping.events': ['order', 'analytics'],
  'order.events': ['notification', 'analytics'],
  'dlq.events': ['order'],
};

/** Partitions per topic. Inventory's commands have two, one per Inventory instance. */
export const PARTITIONS: Record<Topic, number> = {
  'order.requests': 2,
  'customer.replies': 1,
  'payment.commands': 2,
  'payment.events': 2,
  'inventory.commands': 2,
  'inventory.events': 2,
  'shipping.commands': 2,
  'shipping.events': 2,
  'order.events': 2,
  'dlq.events': 1,
};

/** Who publishes on each topic. */
export const PRODUCERS: Record<Topic, ServiceId> = {
  'order.requests': 'customer',
  'customer.replies': 'order',
  'payment.commands': 'order',
  'payment.events': 'payment',
  'inventory.commands': 'order',
  'inventory.events': 'inventory',
  'shipping.commands': 'order',
  'shipping.events': 'shipping',
  'order.events': 'order',
  'dlq.events': 'order',
};

/** All services in display order. */
export const SERVICES: ServiceId[] = ['customer', 'order', 'payment', 'inventory', 'shipping', 'notification', 'analytics'];
