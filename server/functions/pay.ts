/**
 * `pay` (called by the shopper's mini program):
 * - `{action:'quote', items:[{skuId, quantity}]}` → `{lines, amount}`: the cart priced from the
 *   catalog as `create` prices it, for 确认订单; it makes no order and calls no provider.
 * - `{action:'create', items:[{skuId, quantity}], requestId}` → `{orderNo, amount, status, payment}`:
 *   priced from the catalog, one order per (shopper, requestId), pay params for wx.requestPayment.
 * - `{action:'createQr', items, requestId, channel:'wechat'|'alipay'}` → `{orderNo, amount, status,
 *   qr:{content}}`: the same order guarantees, paid by scanning a QR code (outside WeChat; only
 *   providers with QR payment, otherwise INVALID_ARGUMENT). A requestId keeps its method.
 * - `{action:'pay', orderNo}` → `{orderNo, amount, status, payment | qr, expiresAt}`: pay one of the
 *   shopper's unpaid orders again (去支付): the same pay params while valid, else the retry rules
 *   (server/shopper/paying.ts); ORDER_PAID / ORDER_CLOSED / ORDER_EXPIRED when it cannot be paid.
 * - `{action:'capabilities'}` → `{qrPayment}`: whether the configured provider offers QR payment.
 * - `{action:'status', orderNo}` → the shopper's own order (EXPIRED once its time is up, unpaid);
 *   if its payment is still open the provider is asked and its answer applied.
 * The requests are defined once in api/actions.ts.
 * Who pays (OPENID, APPID, CLIENTIP) comes from getWXContext only.
 */
import { payRequest } from '../../api/actions';
import type { OrderView, QuoteView } from '../../api/views';
import { CatalogCache } from '../catalog/cache';
import { priceCart } from '../catalog/pricing';
import { providerModule } from '../gateways/registry';
import { AppError } from '../platform/errors';
import { parseInput } from '../platform/validation';
import { JSAPI, type PaymentMethod } from '../orders/model';
import { checkout, type PaymentAnswer } from '../orders/payments';
import { refreshOrder } from '../orders/status';
import { explainClosed, payAgain } from '../shopper/paying';
import { quoteCart } from '../shopper/quote';
import { shopperView } from '../shopper/view';
import { loadPaymentConfig } from './config';
import { initCloud, coldStart, envelope, requireShopper, type Envelope } from './runtime';
import { servicesFor } from './services';

// Defined once in api/fields.ts; re-exported for the functions that took it from here.
export { ORDER_NO } from '../../api/fields';

export interface PayCapabilities {
  /** The configured provider offers QR payment (`createQr`). */
  qrPayment: boolean;
}

export function payFunction(sdk: unknown, env: NodeJS.ProcessEnv = process.env) {
  const cloud = initCloud(sdk);
  const config = coldStart(() => loadPaymentConfig(env));
  // Per instance: a warm one prices from memory (CATALOG_CACHE_SECONDS), see catalog/cache.ts.
  const products = coldStart(() => new CatalogCache(config().catalogCacheMs));
  return (event: unknown): Promise<Envelope<PaymentAnswer | OrderView | PayCapabilities | QuoteView>> =>
    envelope('pay', async () => {
      const { orders, catalog } = servicesFor(cloud, config());
      const shopper = requireShopper(cloud.getWXContext());
      const input = parseInput(payRequest, event);
      // The quote prices through the same cache as create, so 确认订单 shows what this instance charges.
      const priced = { findMany: (skuIds: readonly string[]) => products().findMany(catalog, skuIds) };
      if (input.action === 'quote') return quoteCart(priced, input.items);
      if (input.action === 'capabilities') return { qrPayment: providerModule(orders.gateway.name).capabilities.qr };
      if (input.action === 'create' || input.action === 'createQr') {
        const method: PaymentMethod = input.action === 'createQr' ? { kind: 'qr', channel: input.channel } : JSAPI;
        return explainClosed(orders, shopper.openid, input.requestId, () =>
          checkout(orders, { ...shopper, requestId: input.requestId, items: input.items, method }, async (items) =>
            priceCart(items, await priced.findMany(items.map((item) => item.skuId))),
          ),
        );
      }
      if (input.action === 'pay') return payAgain(orders, shopper.openid, input.orderNo);
      const order = await orders.repo.findOwn(shopper.openid, input.orderNo);
      if (!order) throw new AppError('NOT_FOUND', `orderNo: no order ${input.orderNo}`);
      return shopperView(await refreshOrder(orders, order, { throttled: true }), orders.now());
    });
}
