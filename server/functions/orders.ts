/**
 * `orders` (called by the shopper's mini program): the shopper's own orders only.
 * - `{action:'list', offset?, limit?, tab?}` → `{orders, total, offset, limit}`, newest first; `tab`
 *   (api ORDER_TABS: unpaid, paid, refund, closed) filters by shopper status;
 * - `{action:'get', orderNo}`; `{action:'cancel', orderNo}` (an unpaid order; closed at the provider too);
 * - `{action:'pending'}` → `{order}`: the newest order still payable, or null (after a reload or restart).
 * Every order is answered with its shopper status: EXPIRED once an unpaid order's time is up (read
 * only: reconcile closes it at the provider). Another shopper's order is NOT_FOUND, exactly like
 * one that does not exist. The requests are defined once in api/actions.ts.
 */
import { ordersRequest } from '../../api/actions';
import type { OrderPageView, OrderView, PendingOrderView } from '../../api/views';
import { AppError } from '../platform/errors';
import { parseInput } from '../platform/validation';
import { closeOrder } from '../orders/closing';
import { pendingOrder } from '../shopper/paying';
import { tabMatch } from '../shopper/tabs';
import { shopperView } from '../shopper/view';
import { loadPaymentConfig } from './config';
import { initCloud, coldStart, envelope, requireShopper, type Envelope } from './runtime';
import { servicesFor } from './services';

export type OrderPage = OrderPageView;

export function ordersFunction(sdk: unknown, env: NodeJS.ProcessEnv = process.env) {
  const cloud = initCloud(sdk);
  const config = coldStart(() => loadPaymentConfig(env));
  return (event: unknown): Promise<Envelope<OrderPage | OrderView | PendingOrderView>> =>
    envelope('orders', async () => {
      const { orders } = servicesFor(cloud, config());
      const { openid } = requireShopper(cloud.getWXContext());
      const request = parseInput(ordersRequest, event);
      if (request.action === 'pending') return pendingOrder(orders, openid);
      if (request.action === 'list') {
        const now = orders.now();
        const match = request.tab ? tabMatch(request.tab, now) : undefined;
        const page = await orders.repo.listOwn(openid, request, match);
        return { orders: page.orders.map((order) => shopperView(order, now)), total: page.total, offset: request.offset, limit: request.limit };
      }
      const order = await orders.repo.findOwn(openid, request.orderNo);
      if (!order) throw new AppError('NOT_FOUND', `orderNo: no order ${request.orderNo}`);
      if (request.action === 'get') return shopperView(order, orders.now());
      const result = await closeOrder(orders, order);
      if (result === 'paid') throw new AppError('ORDER_PAID', `order ${order.orderNo} is paid and cannot be cancelled`);
      const after = await orders.repo.findById(order._id);
      return shopperView(after ?? order, orders.now());
    });
}
