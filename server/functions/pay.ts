/**
 * `pay` (called by the shopper's mini program):
 * - `{action:'create', items:[{skuId, quantity}], requestId}` → `{orderNo, amount, status, payment}`:
 *   priced from the catalog, one order per (shopper, requestId), pay params for wx.requestPayment.
 * - `{action:'createQr', items, requestId, channel:'wechat'|'alipay'}` → `{orderNo, amount, status,
 *   qr:{content}}`: the same order guarantees, paid by scanning a QR code (outside WeChat; only
 *   providers with QR payment, otherwise INVALID_ARGUMENT). A requestId keeps its method.
 * - `{action:'capabilities'}` → `{qrPayment}`: whether the configured provider offers QR payment.
 * - `{action:'status', orderNo}` → the shopper's own order; if its payment is still open the
 *   provider is asked and its answer applied.
 * Who pays (OPENID, APPID, CLIENTIP) comes from getWXContext only.
 */
import { z } from 'zod';
import { priceCart } from '../catalog/pricing';
import { SKU_ID } from '../catalog/product';
import { providerModule } from '../gateways/registry';
import { AppError } from '../platform/errors';
import { parseInput } from '../platform/validation';
import { JSAPI, toView, type OrderView, type PaymentMethod } from '../orders/model';
import { assertMethodAvailable, createPayment, resumePayment, type PaymentAnswer } from '../orders/payments';
import { refreshOrder } from '../orders/status';
import { loadPaymentConfig } from './config';
import { initCloud, coldStart, envelope, requireShopper, type Envelope } from './runtime';
import { servicesFor } from './services';

export const ORDER_NO = z.string().regex(/^[A-Za-z0-9]{1,32}$/, 'must be 1-32 letters or digits');

const checkoutFields = {
  items: z
    .array(z.object({ skuId: SKU_ID, quantity: z.number().int('must be a whole number').min(1).max(999) }))
    .min(1, 'at least one item')
    .max(50, 'at most 50 lines'),
  requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8-64 letters, digits, _ or - (one per checkout, reused on retry)'),
};

const createInput = z.object({ action: z.literal('create'), ...checkoutFields });

const createQrInput = z.object({
  action: z.literal('createQr'),
  ...checkoutFields,
  channel: z.enum(['wechat', 'alipay'], { errorMap: () => ({ message: "must be 'wechat' or 'alipay'" }) }),
});

const capabilitiesInput = z.object({ action: z.literal('capabilities') });

const statusInput = z.object({ action: z.literal('status'), orderNo: ORDER_NO });

const payInput = z.discriminatedUnion('action', [createInput, createQrInput, capabilitiesInput, statusInput], {
  errorMap: (issue, ctx) =>
    issue.code === 'invalid_union_discriminator' ? { message: "must be 'create', 'createQr', 'capabilities' or 'status'" } : { message: ctx.defaultError },
});

export interface PayCapabilities {
  /** The configured provider offers QR payment (`createQr`). */
  qrPayment: boolean;
}

export function payFunction(sdk: unknown, env: NodeJS.ProcessEnv = process.env) {
  const cloud = initCloud(sdk);
  const config = coldStart(() => loadPaymentConfig(env));
  return (event: unknown): Promise<Envelope<PaymentAnswer | OrderView | PayCapabilities>> =>
    envelope('pay', async () => {
      const { orders, catalog } = servicesFor(cloud, config());
      const shopper = requireShopper(cloud.getWXContext());
      const input = parseInput(payInput, event);
      if (input.action === 'capabilities') return { qrPayment: providerModule(orders.gateway.name).capabilities.qr };
      if (input.action === 'create' || input.action === 'createQr') {
        const method: PaymentMethod = input.action === 'createQr' ? { kind: 'qr', channel: input.channel } : JSAPI;
        assertMethodAvailable(orders, method);
        const resumed = await resumePayment(orders, shopper.openid, input.requestId, input.items, method);
        if (resumed) return resumed;
        const products = await catalog.findMany(input.items.map((item) => item.skuId));
        const cart = priceCart(input.items, products);
        return createPayment(orders, { ...shopper, requestId: input.requestId, cart, method });
      }
      const order = await orders.repo.findOwn(shopper.openid, input.orderNo);
      if (!order) throw new AppError('NOT_FOUND', `orderNo: no order ${input.orderNo}`);
      return toView(await refreshOrder(orders, order, { throttled: true }));
    });
}
