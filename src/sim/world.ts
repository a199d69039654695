/**
 * The assembled system: every service, the provider and the shared world, as the engine,
 * the reconciler and the detectors see it.
 */
import type { Bus } from './bus';
import type { GrowMap } from './growOnly';
import type { World } from './runtime';
import type { AnalyticsService } from './services/analytics';
import type { CustomerService } from './services/customer';
import type { InventoryService } from './services/inventory';
import type { NotificationService } from './services/notification';
import type { OrderService } from './services/order';
import type { PaymentService } from './services/payment';
import type { Provider } from './services/provider';
import type { ShippingService } from './services/shipping';
import type { Message } from './types';

/** Every part of a running system. */
export interface Services {
  world: World;
  bus: Bus;
  customer: CustomerService;
  order: OrderService;
  payment: PaymentService;
  inventory: InventoryService;
  shipping: ShippingService;
  notification: NotificationService;
  analytics: AnalyticsService;
  provider: Provider;
  /** Every message ever created, published or not, by id. */
  messages: GrowMap<string, Message>;
  /** Orders touched since the reconciler last found them settled and consistent. */
  dirty: Set<string>;
  /** Last time a message to or from Inventory moved. */
  lastInventoryActivity(): number;
}
