/** Short titles for the checker's business rules, as the Search tab and the design challenges name them. */
import type { InvariantId } from '../../sim/checker';

/** Each rule in a few words. */
export const RULE_TITLES: Record<InvariantId, string> = {
  oneOrderPerRequest: 'One order per request',
  requestAnswered: 'Every request is answered',
  cancelHonouredOrRefused: 'A cancellation is honoured or refused',
  chargedAtMostOncePerRequest: 'Charged at most once per request',
  refundedWhenNothingShipped: 'Refunded when nothing shipped',
  shippedOnlyWhenPaidAndConfirmed: 'Shipped only when paid and confirmed',
  promisesWithinStock: 'Promises stay within stock',
  stockNeverNegative: 'Stock never goes negative',
  stockAddsUp: 'Stock adds up',
  oneEmailPerKind: 'One email of each kind',
  emailsTrue: 'Emails tell the truth',
  customerToldOutcome: 'The customer is told the outcome',
  ordersEnd: 'Every order ends',
  dashboardMatchesOrders: 'The dashboard matches the orders',
  nothingParkedForever: 'Nothing is parked forever',
};
