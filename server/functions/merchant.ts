/**
 * `merchant` (called from the merchant console subpackage of the mini program): for the openids
 * in ADMIN_OPENIDS only, checked on every call against the platform's OPENID; anyone else —
 * shoppers, HTTP, timers — gets PERMISSION_DENIED and nothing else.
 * - `{action:'whoami'}` → `{admin: true}`
 * - `{action:'search', orderNo?, status?, from?, to?, offset?, limit?}` (days `YYYY-MM-DD`, China time) → `{orders, total, offset, limit}`
 * - `{action:'history', orderNo}` → `{order, events}`: every provider call and notification of the order
 * - `{action:'refund', orderNo, refundNo, amount?, reason}` → the refund answer (the same code as `refund`; idempotent by refundNo)
 * - `{action:'summary', day}` → orders, paid, refunded (ours, and what the provider refunded outside our flow of the day's payments), net (fen)
 * - `{action:'reconcile', day}` → each order open or changed that day, asked of the provider; mismatches with advice
 * - `{action:'sync', orderNo}` → applies the provider's current answer to the order (as a notification would)
 */
import * as v from 'valibot';
import { AppError } from '../platform/errors';
import { createLogger } from '../platform/log';
import { toFen } from '../platform/money';
import { parseInput } from '../platform/validation';
import { refund } from '../orders/refunds';
import { ORDER_STATUSES } from '../orders/states';
import { DAY, daysRange } from '../merchant/days';
import { reconcileDay, syncOrder } from '../merchant/reconcile-day';
import { MerchantRepository } from '../merchant/repository';
import { loadMerchantSettings } from '../merchant/settings';
import { daySummary } from '../merchant/summary';
import { merchantView } from '../merchant/views';
import { loadPaymentConfig } from './config';
import { ORDER_NO, REFUND_AMOUNT, REFUND_NO } from '../../api/fields';
import { coldStart, envelope, initCloud, type Envelope } from './runtime';
import { servicesFor } from './services';

const input = v.variant(
  'action',
  [
    v.object({ action: v.literal('whoami') }),
    v.object({
      action: v.literal('search'),
      orderNo: v.optional(ORDER_NO),
      status: v.optional(v.picklist(ORDER_STATUSES)),
      from: v.optional(DAY),
      to: v.optional(DAY),
      offset: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000)), 0),
      limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50)), 20),
    }),
    v.object({ action: v.literal('history'), orderNo: ORDER_NO }),
    v.object({
      action: v.literal('refund'),
      orderNo: ORDER_NO,
      refundNo: REFUND_NO,
      amount: v.optional(REFUND_AMOUNT),
      reason: v.pipe(v.string(), v.trim(), v.minLength(1, 'is required'), v.maxLength(80)),
    }),
    v.object({ action: v.literal('summary'), day: DAY }),
    v.object({ action: v.literal('reconcile'), day: DAY }),
    v.object({ action: v.literal('sync'), orderNo: ORDER_NO }),
  ],
  "must be 'whoami', 'search', 'history', 'refund', 'summary', 'reconcile' or 'sync'",
);

const log = createLogger('merchant');

export function merchantFunction(sdk: unknown, env: NodeJS.ProcessEnv = process.env) {
  const cloud = initCloud(sdk);
  const config = coldStart(() => ({ payment: loadPaymentConfig(env), merchant: loadMerchantSettings(env) }));

  return (event: unknown): Promise<Envelope<unknown>> =>
    envelope('merchant', async () => {
      const { payment, merchant } = config();
      const openid = cloud.getWXContext().OPENID;
      if (!openid || !merchant.adminOpenids.has(openid)) {
        // The openid is not a secret; logging it is how a merchant learns what to put in ADMIN_OPENIDS.
        log.info('merchant console refused', { openid: openid ?? null });
        throw new AppError('PERMISSION_DENIED', 'the merchant console is for the merchant’s administrators only');
      }
      const request = parseInput(input, event);
      const { orders } = servicesFor(cloud, payment);
      const repo = new MerchantRepository(cloud.database());
      const find = async (orderNo: string) => {
        const order = await orders.repo.findByOrderNo(orderNo);
        if (!order) throw new AppError('NOT_FOUND', `orderNo: no order ${orderNo}`);
        return order;
      };
      switch (request.action) {
        case 'whoami':
          return { admin: true };
        case 'search': {
          const { offset, limit } = request;
          if (request.orderNo) {
            const order = await orders.repo.findByOrderNo(request.orderNo);
            return { orders: order ? [merchantView(order)] : [], total: order ? 1 : 0, offset, limit };
          }
          const filter = { ...(request.status ? { status: request.status } : {}), created: daysRange(request.from, request.to) };
          const page = await repo.search(filter, { offset, limit });
          return { orders: page.orders.map(merchantView), total: page.total, offset, limit };
        }
        case 'history': {
          const order = await find(request.orderNo);
          return { order: merchantView(order), events: await repo.historyOf(order) };
        }
        case 'refund':
          return refund(orders, {
            orderNo: request.orderNo,
            refundNo: request.refundNo,
            ...(request.amount !== undefined ? { amount: toFen(request.amount) } : {}),
            reason: request.reason,
          });
        case 'summary':
          return daySummary(repo, request.day);
        case 'reconcile':
          return reconcileDay(orders, repo, request.day);
        case 'sync': {
          const order = await find(request.orderNo);
          const outcome = await syncOrder(orders, order);
          return { outcome, order: merchantView((await orders.repo.findById(order._id)) ?? order) };
        }
      }
    });
}
