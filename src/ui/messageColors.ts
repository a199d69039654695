/**
 * One colour family per part of the order flow, so a learner can tell payment traffic
 * from stock traffic at a glance. Failures and dead letters get warm, alarming tones.
 */
import type { MessageType } from '../sim/types';

/** A legend entry: the family name and its colour. */
export interface ColorFamily {
  name: string;
  color: string;
}

/** Colour families shown in the legend. */
export const FAMILIES: ColorFamily[] = [
  { name: 'Requests', color: '#6366f1' },
  { name: 'Payment', color: '#10b981' },
  { name: 'Refund / release', color: '#f59e0b' },
  { name: 'Stock', color: '#a855f7' },
  { name: 'Shipping', color: '#0ea5e9' },
  { name: 'Order events', color: '#64748b' },
  { name: 'Failure', color: '#ef4444' },
];

// Partial: a message type added to the engine later falls back to the neutral colour.
const BY_TYPE: Partial<Record<MessageType, string>> = {
  PlaceOrder: '#6366f1',
  CancelOrder: '#6366f1',
  OrderAccepted: '#6366f1',
  ChargePayment: '#10b981',
  PaymentCaptured: '#10b981',
  PaymentFailed: '#ef4444',
  RefundPayment: '#f59e0b',
  PaymentRefunded: '#f59e0b',
  ReserveStock: '#a855f7',
  StockReserved: '#a855f7',
  StockRejected: '#ef4444',
  ReleaseStock: '#f59e0b',
  StockReleased: '#f59e0b',
  ShipOrder: '#0ea5e9',
  Shipped: '#0ea5e9',
  ShipmentFailed: '#ef4444',
  OrderPlaced: '#64748b',
  OrderPaid: '#64748b',
  OrderConfirmed: '#64748b',
  OrderRefundPending: '#64748b',
  OrderCancelled: '#64748b',
  OrderShipped: '#64748b',
  OrderRefunded: '#64748b',
  OrderNeedsReview: '#64748b',
  DeadLettered: '#b91c1c',
};

/** The colour a message of this type is drawn in. */
export function messageColor(type: MessageType): string {
  return BY_TYPE[type] ?? '#64748b';
}
