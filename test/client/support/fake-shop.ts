/**
 * An in-memory stand-in for the shop's cloud functions with the answers server/functions/* give
 * (`{ok, data}` / `{ok:false, error}`), for page tests in jsdom. The real functions are exercised by
 * the functions, weapp and browser tests; here the point is what the pages do with the answers.
 */
import type { CloudClient } from '../../../client/services/cloud';
import type { RequestPayment } from '../../../client/services/payment';
import { inTab, isPayable, shopperStatus, type OrderTab } from '../../../api';
import type { Order, PayParams, Product } from '../../../client/services/types';

export const PRODUCTS: Product[] = [
  { skuId: 'green-tea', name: 'Green tea', unitPrice: 1200, available: true, maxPerOrder: 10, description: 'Longjing, 50 g' },
  { skuId: 'teapot', name: 'Clay teapot', unitPrice: 16800, available: true, maxPerOrder: 1 },
  { skuId: 'tea-cups', name: 'Tea cups (4)', unitPrice: 4500, available: false, maxPerOrder: 2 },
];

/* eslint-disable @typescript-eslint/no-explicit-any -- the calls' data is untyped JSON, as on the wire */
interface Call {
  name: string;
  data: Record<string, any>;
}

export interface FakeShop {
  cloud: CloudClient;
  calls: Call[];
  orders: Map<string, StoredOrder>;
  /** The next answer of a function (once), e.g. an error envelope. */
  failNext(name: string, action: string | undefined, error: { code: string; message: string; retryable?: boolean }): void;
  /** What the payment sheet does next: pay (the provider marks the order paid), cancel, or fail. */
  sheet: { outcome: 'ok' | 'cancel' | 'fail'; confirmAfterPolls: number; opened: PayParams[] };
  requestPayment: RequestPayment;
  /** How long a new order may be paid (ms from its creation). */
  expiry: { ms: number };
  /** Whether `pay` capabilities offers QR payment (createQr works either way). */
  qr: { payment: boolean };
  /** A shopper paid this QR order on another device: the next status question says PAID. */
  payByScan(orderNo: string): void;
  /** The merchant changes a price: quotes and new orders from now on use it. */
  reprice(skuId: string, unitPrice: number): void;
}

const ok = (data: unknown) => ({ ok: true, data });
type StoredOrder = Order & { requestId: string; payment: PayParams; qrContent?: string };

/** As the server answers: an unpaid order whose time is up reads EXPIRED. */
const view = ({ requestId: _r, payment: _p, qrContent, ...order }: StoredOrder): Order => ({ ...order, status: shopperStatus(order, Date.now()), method: qrContent ? 'qr' : 'jsapi' });
const refusal = (code: string, message: string) => ({ ok: false, error: { code, message, retryable: false } });

export function createFakeShop(): FakeShop {
  const calls: Call[] = [];
  const orders = new Map<string, StoredOrder>();
  const failures: Array<{ name: string; action?: string; error: { code: string; message: string; retryable?: boolean } }> = [];
  const sheet: FakeShop['sheet'] = { outcome: 'ok', confirmAfterPolls: 1, opened: [] };
  const paidPending = new Map<string, number>();
  const qr = { payment: false };
  const expiry = { ms: 30 * 60_000 };
  const answerOf = (order: StoredOrder) => {
    const base = { orderNo: order.orderNo, amount: order.amount, status: view(order).status, expiresAt: order.expiresAt };
    return order.qrContent ? { ...base, qr: { content: order.qrContent } } : { ...base, payment: order.payment };
  };
  let seq = 0;
  const prices = new Map<string, number>();
  const priceLines = (items: Array<{ skuId: string; quantity: number }>) => {
    const lines = items.map(({ skuId, quantity }) => {
      const product = PRODUCTS.find((p) => p.skuId === skuId)!;
      return { skuId, name: product.name, unitPrice: prices.get(skuId) ?? product.unitPrice, quantity };
    });
    return { lines, amount: lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0) };
  };

  const handle = (name: string, data: Record<string, any>): unknown => {
    const failure = failures.findIndex((f) => f.name === name && (f.action === undefined || f.action === data.action));
    if (failure >= 0) {
      const [f] = failures.splice(failure, 1);
      return { ok: false, error: { retryable: false, ...f!.error } };
    }
    if (name === 'catalog') return ok({ products: PRODUCTS });
    if (name === 'pay' && data.action === 'capabilities') return ok({ qrPayment: qr.payment });
    if (name === 'pay' && data.action === 'quote') return ok(priceLines(data.items as Array<{ skuId: string; quantity: number }>));
    if (name === 'pay' && (data.action === 'create' || data.action === 'createQr')) {
      const existing = [...orders.values()].find((o) => o.requestId === data.requestId);
      if (existing) return ok(answerOf(existing));
      const { lines, amount } = priceLines(data.items as Array<{ skuId: string; quantity: number }>);
      seq += 1;
      const orderNo = `ORDER${String(seq).padStart(4, '0')}`;
      const payment: PayParams = { timeStamp: '1700000000', nonceStr: `n${seq}`, package: `prepay_id=wx${seq}`, signType: 'MD5', paySign: `SIGN${seq}` };
      const order = { orderNo, status: 'PAYING' as const, amount, description: 'Demo', lines, createdAt: 1_700_000_000_000 + seq, expiresAt: Date.now() + expiry.ms, refundedAmount: 0, requestId: data.requestId as string, payment };
      const stored = data.action === 'createQr' ? { ...order, qrContent: `http://127.0.0.1:9/qr/${orderNo}` } : order;
      orders.set(orderNo, stored);
      return ok(answerOf(stored));
    }
    const order = orders.get(data.orderNo as string);
    if (name === 'pay' && data.action === 'status') {
      if (!order) return { ok: false, error: { code: 'NOT_FOUND', message: `orderNo: no order ${data.orderNo}`, retryable: false } };
      const left = paidPending.get(order.orderNo);
      if (left !== undefined) {
        if (left <= 1) {
          order.status = 'PAID';
          paidPending.delete(order.orderNo);
        } else paidPending.set(order.orderNo, left - 1);
      }
      return ok(view(order));
    }
    if (name === 'pay' && data.action === 'pay') {
      if (!order) return refusal('NOT_FOUND', `orderNo: no order ${data.orderNo}`);
      const status = view(order).status;
      if (status === 'EXPIRED') return refusal('ORDER_EXPIRED', `order ${order.orderNo} expired`);
      if (status === 'PAID') return refusal('ORDER_PAID', `order ${order.orderNo} is paid`);
      if (!isPayable(status)) return refusal('ORDER_CLOSED', `order ${order.orderNo} is closed`);
      return ok(answerOf(order));
    }
    if (name === 'orders' && data.action === 'pending') {
      const open = [...orders.values()].sort((a, b) => b.createdAt - a.createdAt).map(view).find((o) => isPayable(o.status));
      return ok({ order: open ?? null });
    }
    if (name === 'orders' && data.action === 'list') {
      const all = [...orders.values()]
        .sort((a, b) => b.createdAt - a.createdAt)
        .map(view)
        .filter((o) => inTab((data.tab as OrderTab | undefined) ?? 'all', o.status));
      return ok({ orders: all.slice(data.offset, data.offset + data.limit), total: all.length, offset: data.offset, limit: data.limit });
    }
    if (name === 'orders' && data.action === 'get') return order ? ok(view(order)) : { ok: false, error: { code: 'NOT_FOUND', message: 'no order', retryable: false } };
    if (name === 'orders' && data.action === 'cancel') {
      if (!order) return { ok: false, error: { code: 'NOT_FOUND', message: 'no order', retryable: false } };
      if (order.status === 'PAID') return { ok: false, error: { code: 'ORDER_PAID', message: `order ${order.orderNo} is paid and cannot be cancelled`, retryable: false } };
      order.status = 'CLOSED';
      return ok(view(order));
    }
    throw new Error(`fake shop: no function ${name} ${String(data.action)}`);
  };

  return {
    calls,
    orders,
    sheet,
    qr,
    expiry,
    payByScan: (orderNo) => paidPending.set(orderNo, 1),
    reprice: (skuId, unitPrice) => prices.set(skuId, unitPrice),
    failNext: (name, action, error) => failures.push({ name, ...(action ? { action } : {}), error }),
    cloud: {
      callFunction: async (name, data) => {
        calls.push({ name, data: JSON.parse(JSON.stringify(data)) });
        await Promise.resolve();
        return JSON.parse(JSON.stringify(handle(name, data)));
      },
    },
    requestPayment: async (params) => {
      sheet.opened.push(params);
      await Promise.resolve();
      // wx.requestPayment rejects with a plain `{errMsg}` object, not an Error.
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      if (sheet.outcome === 'cancel') throw { errMsg: 'requestPayment:fail cancel' };
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      if (sheet.outcome === 'fail') throw { errMsg: 'requestPayment:fail invalid paySign' };
      const order = [...orders.values()].find((o) => o.payment.package === params.package);
      if (order) paidPending.set(order.orderNo, sheet.confirmAfterPolls);
      return { errMsg: 'requestPayment:ok' };
    },
  };
}
