/** One place that turns the cloud SDK + configuration into the order services a call needs. */
import { CatalogRepository } from '../catalog/repository';
import type { CloudSdk } from '../orders/cloud-database';
import { createOrderContext, type OrderContext } from '../orders/context';
import type { PaymentConfig } from './config';

export interface Services {
  orders: OrderContext;
  catalog: CatalogRepository;
}

/** Per call: the database handle comes from the SDK of the running invocation. */
export function servicesFor(cloud: CloudSdk, config: PaymentConfig): Services {
  const db = cloud.database();
  return { orders: createOrderContext(db, config.gateway, config.orders), catalog: new CatalogRepository(db) };
}
