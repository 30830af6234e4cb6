/**
 * `orders` (called by the shopper's mini program): the shopper's own orders only.
 * - `{action:'list', offset?, limit?}` → `{orders, total, offset, limit}`, newest first;
 * - `{action:'get', orderNo}`; `{action:'cancel', orderNo}` (an unpaid order; closed at the provider too).
 * Another shopper's order is NOT_FOUND, exactly like one that does not exist.
 */
import { z } from 'zod';
import { AppError } from '../platform/errors';
import { parseInput } from '../platform/validation';
import { closeOrder } from '../orders/closing';
import { toView, type OrderView } from '../orders/model';
import { loadPaymentConfig } from './config';
import { ORDER_NO } from './pay';
import { initCloud, coldStart, envelope, requireShopper, type Envelope } from './runtime';
import { servicesFor } from './services';

const input = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('list'), offset: z.number().int().min(0).max(10_000).default(0), limit: z.number().int().min(1).max(50).default(20) }),
    z.object({ action: z.literal('get'), orderNo: ORDER_NO }),
    z.object({ action: z.literal('cancel'), orderNo: ORDER_NO }),
  ],
  { errorMap: (issue, ctx) => (issue.code === 'invalid_union_discriminator' ? { message: "must be 'list', 'get' or 'cancel'" } : { message: ctx.defaultError }) },
);

export interface OrderPage {
  orders: OrderView[];
  total: number;
  offset: number;
  limit: number;
}

export function ordersFunction(sdk: unknown, env: NodeJS.ProcessEnv = process.env) {
  const cloud = initCloud(sdk);
  const config = coldStart(() => loadPaymentConfig(env));
  return (event: unknown): Promise<Envelope<OrderPage | OrderView>> =>
    envelope('orders', async () => {
      const { orders } = servicesFor(cloud, config());
      const { openid } = requireShopper(cloud.getWXContext());
      const request = parseInput(input, event);
      if (request.action === 'list') {
        const page = await orders.repo.listOwn(openid, request);
        return { orders: page.orders.map(toView), total: page.total, offset: request.offset, limit: request.limit };
      }
      const order = await orders.repo.findOwn(openid, request.orderNo);
      if (!order) throw new AppError('NOT_FOUND', `orderNo: no order ${request.orderNo}`);
      if (request.action === 'get') return toView(order);
      const result = await closeOrder(orders, order);
      if (result === 'paid') throw new AppError('ORDER_PAID', `order ${order.orderNo} is paid and cannot be cancelled`);
      const after = await orders.repo.findById(order._id);
      return toView(after ?? order);
    });
}
