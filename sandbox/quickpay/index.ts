/**
 * QuickPay JSAPIPay sandbox: `POST /QuickPay/JSAPIPay | Query | Refund | Cancel`, JSON in and a
 * `{code, msg, data: PayResultInfo}` envelope out, as strict as the docs (docs.ts). JSAPIPay
 * registers the order with the shared cashier and answers its pay parameters as the
 * `cloudpay_param` JSON string; when the shopper pays, the order becomes SUCCESSED and a
 * notification is POSTed to notify_url on the documented retry schedule until the reply is
 * `OK`/`SUCCESS`.
 *
 * Credentials (ASSUMED scheme, like the adapter's): one header, `QUICKPAY_SANDBOX_DEFAULTS` by
 * default. Faults: `faults` (endpoint = route path, e.g. `/QuickPay/Query`; a `status` fault's
 * payload is `{code, msg}`), `notifier.setFault(...)` for notifications.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CANCEL_ROUTE } from '../../server/gateways/quickpay/assumptions';
import { safeEqual } from '../../server/platform/crypto';
import { check, describeIssues, type Schema } from '../../server/platform/validation';
import { createSandboxApp, FaultSwitchboard, installFaults, Notifier, type Cashier, type SandboxClock } from '../common';
import type { SandboxEntry } from '../registry';
import {
  isQuickpayAcknowledged,
  jsapiPaySchema,
  orderRefSchema,
  QUICKPAY_NOTIFY_RETRY_DELAYS_MS,
  QUICKPAY_SANDBOX_DEFAULTS,
  refundSchema,
  RESULT,
  TRANSACTION_STATUS,
} from './docs';
import { fingerprint, QuickpayOrderBook, type QuickpayOrder } from './orders';

export { QUICKPAY_SANDBOX_DEFAULTS, QUICKPAY_NOTIFY_RETRY_DELAYS_MS, TRANSACTION_STATUS } from './docs';
export type { QuickpayOrder, QuickpayRefund } from './orders';
export { QuickpayOrderBook } from './orders';

export interface QuickpayCredentials {
  storeNo: string;
  authHeader: string;
  authValue: string;
}

/**
 * Notification body (undocumented: the shared assumption, NOTIFICATION BODY): a PayResultInfo as
 * JSON, bare (default) or wrapped in `{code, msg, data}`, or as form fields.
 */
export type QuickpayNotificationFormat = 'bare' | 'wrapped' | 'form';

export interface QuickpaySandboxOptions {
  cashier: Cashier;
  clock: SandboxClock;
  credentials?: Partial<QuickpayCredentials>;
  notificationFormat?: QuickpayNotificationFormat;
}

export interface QuickpaySandbox {
  app: FastifyInstance;
  faults: FaultSwitchboard;
  notifier: Notifier;
  orders: QuickpayOrderBook;
  credentials: QuickpayCredentials;
  /** Switchable at run time. */
  notificationFormat: QuickpayNotificationFormat;
  /** The adapter's environment for this sandbox listening at `baseUrl`. */
  adapterEnv(baseUrl: string, notifyUrl: string): Record<string, string>;
}

export const QUICKPAY_ROUTES = {
  jsapiPay: '/QuickPay/JSAPIPay',
  query: '/QuickPay/Query',
  refund: '/QuickPay/Refund',
  /** ASSUMED route: the adapter's one constant, so one edit moves both. */
  cancel: `/${CANCEL_ROUTE}`,
} as const;

/** PayResultInfo for an order, as Query (and the other operations) answer it. */
export function payResultInfo(order: QuickpayOrder): Record<string, unknown> {
  return {
    transaction_status: order.status,
    error: '',
    store_no: order.storeNo,
    paytype: 'WECHATPAY_JSAPI',
    operator: order.request.operator,
    bank_type: order.paidAt === undefined ? '' : 'OTHERS',
    total_amount: order.amount,
    cash_amount: order.paidAt === undefined ? 0 : order.amount,
    settlement_amount: order.paidAt === undefined ? 0 : order.amount - order.refundedAmount,
    coupon_amount: 0,
    order_no: order.orderNo,
    transaction_no: order.transactionNo,
    cloudpay_param: order.cloudpayParam,
    transaction_time: formatChinaTime(order.paidAt ?? order.createdAt),
    message: order.message,
    buyer: order.request.openid,
    attach: order.request.attach ?? '',
    iteminfo: order.request.iteminfo ?? '',
    coupon_detail_list: [],
  };
}

/** PayResultInfo's scalar fields as form fields (lists are left out: a form has no shape for them). */
export function formFields(info: Record<string, unknown>): string {
  const fields = Object.entries(info).flatMap(([name, value]) =>
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? [[name, String(value)] as [string, string]] : [],
  );
  return new URLSearchParams(fields).toString();
}

/** "yyyy-MM-dd HH:mm:ss" in China time (UTC+8). */
export function formatChinaTime(epochMs: number): string {
  return new Date(epochMs + 8 * 3_600_000).toISOString().replace('T', ' ').slice(0, 19);
}

export function createQuickpaySandbox(options: QuickpaySandboxOptions): QuickpaySandbox {
  const { cashier, clock } = options;
  const credentials: QuickpayCredentials = { ...QUICKPAY_SANDBOX_DEFAULTS, ...options.credentials };
  const orders = new QuickpayOrderBook();
  const faults = new FaultSwitchboard();
  const notifier = new Notifier({ clock, retryDelaysMs: QUICKPAY_NOTIFY_RETRY_DELAYS_MS, isAcknowledged: isQuickpayAcknowledged });
  let transactionCounter = 0;
  const nextTransactionNo = () => `QP${clock.now()}${String(++transactionCounter).padStart(6, '0')}`;

  const sandbox: QuickpaySandbox = {
    app: createSandboxApp(),
    faults,
    notifier,
    orders,
    credentials,
    notificationFormat: options.notificationFormat ?? 'bare',
    adapterEnv: (baseUrl, notifyUrl) => ({
      QUICKPAY_BASE_URL: baseUrl,
      QUICKPAY_STORE_NO: credentials.storeNo,
      QUICKPAY_AUTH_HEADER: credentials.authHeader,
      QUICKPAY_AUTH_VALUE: credentials.authValue,
      QUICKPAY_NOTIFY_URL: notifyUrl,
    }),
  };
  const { app } = sandbox;

  const answer = (reply: FastifyReply, httpStatus: number, code: string, msg: string, data: unknown = null) =>
    reply.code(httpStatus).type('application/json; charset=utf-8').send(JSON.stringify({ code, msg, data }));

  // Bodies: application/json and text/json (documented); parsed in the handlers so that a bad body
  // gets QuickPay's envelope, not fastify's error.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(['application/json', 'text/json'], { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.setErrorHandler((error: { statusCode?: number; message?: string }, _request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    return answer(reply, status, status === 500 ? RESULT.systemError : RESULT.fail, status === 500 ? 'system error' : (error.message ?? 'bad request'));
  });
  app.addHook('onClose', async () => notifier.close());

  installFaults(app, faults, {
    renderStatus: (payload) => {
      const p = (payload ?? {}) as { code?: string; msg?: string; data?: unknown };
      return { body: { code: p.code ?? RESULT.fail, msg: p.msg ?? 'sandbox fault', data: p.data ?? null } };
    },
  });

  // Credentials: checked after faults (a reset happens before any check), before validation.
  app.addHook('preHandler', async (request, reply) => {
    const given = request.headers[credentials.authHeader.toLowerCase()];
    if (typeof given !== 'string' || !safeEqual(given, credentials.authValue)) {
      return answer(reply, 401, RESULT.unauthorized, `missing or wrong ${credentials.authHeader} credential`);
    }
  });

  /** Parses the JSON body and validates it; answers the refusal itself and returns undefined. */
  function input<T>(request: FastifyRequest, reply: FastifyReply, schema: Schema<T>): T | undefined {
    let json: unknown;
    try {
      json = typeof request.body === 'string' ? JSON.parse(request.body) : undefined;
    } catch {
      json = undefined;
    }
    if (json === undefined || json === null || typeof json !== 'object' || Array.isArray(json)) {
      void answer(reply, 400, RESULT.fail, 'request body must be a JSON object');
      return undefined;
    }
    const parsed = check(schema, json);
    if (!parsed.success) {
      void answer(reply, 400, RESULT.fail, describeIssues(parsed.issues));
      return undefined;
    }
    return parsed.output;
  }

  const wrongStore = (storeNo: string) => storeNo !== credentials.storeNo;

  function notify(order: QuickpayOrder): void {
    const url = order.request.notify_url;
    if (!url) return;
    const info = payResultInfo(order);
    if (sandbox.notificationFormat === 'form') {
      notifier.send({ url, headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: formFields(info) });
      return;
    }
    const body = sandbox.notificationFormat === 'wrapped' ? { code: RESULT.success, msg: 'OK', data: info } : info;
    notifier.send({ url, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) });
  }

  app.post(QUICKPAY_ROUTES.jsapiPay, async (request, reply) => {
    const body = input(request, reply, jsapiPaySchema);
    if (!body) return reply;
    if (wrongStore(body.store_no)) return answer(reply, 200, RESULT.fail, `store_no ${body.store_no} is not a store of this merchant`);
    if (body.paytype !== 11) return answer(reply, 200, RESULT.fail, 'paytype 21 (Alipay) is not available in this sandbox');
    const existing = orders.existing(body);
    if (existing) {
      return existing.ok ? answer(reply, 200, RESULT.success, 'OK', payResultInfo(existing.value)) : answer(reply, 200, RESULT.fail, existing.msg);
    }
    const transactionNo = nextTransactionNo();
    const params = cashier.issue({
      appId: body.appid,
      amount: body.amount,
      description: body.iteminfo || `QuickPay order ${body.order_no}`,
      provider: 'QuickPay',
      onPaid: () => {
        const paid = orders.get(body.store_no, body.order_no);
        if (paid && orders.markPaid(paid, clock.now())) notify(paid);
      },
    });
    const order: QuickpayOrder = {
      storeNo: body.store_no,
      orderNo: body.order_no,
      fingerprint: fingerprint(body),
      request: body,
      amount: body.amount,
      status: TRANSACTION_STATUS.create,
      message: 'created',
      transactionNo,
      cloudpayParam: JSON.stringify(params),
      prepayId: params.package.slice('prepay_id='.length),
      createdAt: clock.now(),
      refundedAmount: 0,
      refunds: [],
    };
    orders.add(order);
    return answer(reply, 200, RESULT.success, 'OK', payResultInfo(order));
  });

  app.post(QUICKPAY_ROUTES.query, async (request, reply) => {
    const body = input(request, reply, orderRefSchema);
    if (!body) return reply;
    const order = orders.get(body.store_no, body.order_no);
    if (wrongStore(body.store_no) || !order) return answer(reply, 200, RESULT.fail, `order ${body.order_no} not found`);
    return answer(reply, 200, RESULT.success, 'OK', payResultInfo(order));
  });

  app.post(QUICKPAY_ROUTES.cancel, async (request, reply) => {
    const body = input(request, reply, orderRefSchema);
    if (!body) return reply;
    const order = orders.get(body.store_no, body.order_no);
    if (wrongStore(body.store_no) || !order) return answer(reply, 200, RESULT.fail, `order ${body.order_no} not found`);
    const cancelled = orders.cancel(order);
    if (!cancelled.ok) return answer(reply, 200, RESULT.fail, cancelled.msg);
    cashier.revoke(order.prepayId);
    return answer(reply, 200, RESULT.success, 'OK', payResultInfo(order));
  });

  app.post(QUICKPAY_ROUTES.refund, async (request, reply) => {
    const body = input(request, reply, refundSchema);
    if (!body) return reply;
    if (wrongStore(body.store_no)) return answer(reply, 200, RESULT.fail, `order ${body.order_no} not found`);
    const applied = orders.applyRefund(body, nextTransactionNo(), clock.now());
    if (!applied.ok) return answer(reply, 200, RESULT.fail, applied.msg);
    const { order, refund } = applied.value;
    return answer(reply, 200, RESULT.success, 'OK', {
      ...payResultInfo(order),
      transaction_status: TRANSACTION_STATUS.refunded,
      transaction_no: refund.transactionNo,
      transaction_time: formatChinaTime(refund.refundedAt),
      refund_no: refund.refundNo,
      refund_amount: refund.refundAmount,
      message: 'refunded',
    });
  });

  return sandbox;
}

/** This sandbox in the sandbox registry (sandbox/registry.ts). */
export const quickpaySandboxEntry: SandboxEntry<QuickpaySandbox> = {
  defaultPort: 8702,
  create: createQuickpaySandbox,
  faultEndpoints: { create: QUICKPAY_ROUTES.jsapiPay, query: QUICKPAY_ROUTES.query, close: QUICKPAY_ROUTES.cancel, refund: QUICKPAY_ROUTES.refund },
  refusal: { code: RESULT.fail, msg: 'store suspended' },
  orderCount: (s) => s.orders.list().length,
  misdirect: (s, asked, other) => s.orders.misdirect(asked, other),
  tamperAmount: (s, orderNo, amount) => {
    const order = s.orders.find(orderNo);
    if (!order) throw new Error(`sandbox has no order ${orderNo}`);
    order.amount = amount;
  },
};
