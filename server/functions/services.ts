/** One place that turns the cloud SDK + configuration into the order services a call needs. */
import { CatalogRepository } from '../catalog/repository';
import type { CloudSdk } from '../orders/cloud-database';
import { createOrderContext, type OrderContext } from '../orders/context';
import { sendPaidMessage, type SubscribeMessageApi } from '../shopper/paid-message';
import type { PaymentConfig } from './config';

export interface Services {
  orders: OrderContext;
  catalog: CatalogRepository;
}

/** Per call: the database handle comes from the SDK of the running invocation. */
export function servicesFor(cloud: CloudSdk, config: PaymentConfig): Services {
  const db = cloud.database();
  const orders = createOrderContext(db, config.gateway, config.orders);
  const { paidMessage } = config;
  if (paidMessage) {
    // 云调用 (cloud.openapi) is on the real SDK and the local cloud's stand-in; CloudSdk types only the database part.
    const openapi = (cloud as CloudSdk & { openapi?: SubscribeMessageApi }).openapi;
    const deps = { openapi, settings: paidMessage, events: orders.events, provider: config.gateway.name, shopName: config.orders.shopName, now: orders.now };
    orders.onPaid = (order) => sendPaidMessage(deps, order);
  }
  return { orders, catalog: new CatalogRepository(db) };
}
