/**
 * Tencent Cloud Pay sandbox: `POST /cpay/<endpoint>` with the documented envelope, as strict as the
 * pages it transcribes (pages/*.ts, one file per page; its own envelope code in envelope.ts): a
 * missing or wrong authen_code → 101 + internal_status 7 (unsigned); a field missing, too long or
 * of the wrong type per the endpoint's table, another merchant, a number without the prefix →
 * 101 naming the field. Answers are signed over the exact response_content text the sandbox emits.
 * official_account_pay registers the order with the shared WeChat cashier for the bound mini
 * program AppID; when the shopper pays, current_trade_state becomes 3 and a signed notification
 * goes to the callback URL, retried until a {"status":0} reply. Faults: the shared switchboard
 * (endpoint = the endpoint name; `answerStatus` for each documented status), notification faults
 * on `notifier`, `tamper` to alter a signed answer after signing, `answerForm` to answer like the
 * pages' examples, `settleRefundsAs` for the documented refund end states.
 */
import { randomInt } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomToken } from '../../server/platform/crypto';
import { check, describeIssues, type Schema } from '../../server/platform/validation';
import { createSandboxApp, FaultSwitchboard, installFaults, Notifier, type Cashier, type SandboxClock } from '../common';
import type { SandboxEntry } from '../registry';
import { CpayFailure, fail, okAnswer, statusAnswer, type StatusAnswer } from './answers';
import { DEFAULT_BOUND_APP_ID, NOTIFY_RETRY_DELAYS_MS, REFUND_SETTLE_MS, SERVICE_APP_ID } from './choices';
import { openEnvelope } from './envelope';
import { CONTENT_TYPE } from './pages/call-conventions';
import { isAcknowledgedBy, notificationBody } from './notify';
import { TencentOrders, type SandboxOrder, type SandboxRefund } from './orders';
import * as closeOrderPage from './pages/close-order';
import { PayPlatform, SubPayPlatform, TradeType, WxpayOrderState, WxpayRefundOrderState } from './pages/enums';
import * as officialAccountPayPage from './pages/official-account-pay';
import * as queryOrderPage from './pages/query-order';
import * as queryRefundOrderPage from './pages/query-refund-order';
import * as refundPage from './pages/refund';

/** The endpoints the sandbox serves, by their path under `/cpay/`. */
export type Endpoint = 'official_account_pay' | 'query_order' | 'close_order' | 'refund' | 'query_refund_order';

/**
 * The adapter's settings names (its README): written out here rather than imported, so that the
 * sandbox stays independent; the contract tests fail if the two disagree.
 */
const ADAPTER_ENV = {
  baseUrl: 'TENCENT_BASE_URL',
  outMchId: 'TENCENT_OUT_MCH_ID',
  outSubMchId: 'TENCENT_OUT_SUB_MCH_ID',
  outShopId: 'TENCENT_OUT_SHOP_ID',
  authenKey: 'TENCENT_AUTHEN_KEY',
  orderPrefix: 'TENCENT_ORDER_PREFIX',
  spbillIp: 'TENCENT_SPBILL_IP',
  deviceId: 'TENCENT_DEVICE_ID',
} as const;

/**
 * How a success is answered: as the page's table says, as the page's own example does (close →
 * `query_order` member; refund → `query_refund_order` with an array), or without the optional
 * content (refund → no refund_order_content).
 */
export type AnswerForm = 'table' | 'example' | 'no-content';

export interface TencentCredentials {
  outMchId: string;
  outSubMchId: string;
  outShopId: string;
  /** The sub-merchant's authen key (random per sandbox unless given). */
  authenKey: string;
  /** cloud_cashier_id: every out_trade_no / out_refund_no starts with it. */
  orderPrefix: string;
  /** The mini program AppID bound to the sub-merchant in the console (sub_app_id). */
  appId: string;
  /** The console also binds whatever sub_app_id a request names (default true; see choices.ts). */
  bindRequestedAppId: boolean;
  /** The merchant's terminal id (order_client.device_id) it would register in the console. */
  deviceId: string;
}

export interface TencentSandboxOptions {
  cashier: Cashier;
  clock: SandboxClock;
  credentials?: Partial<TencentCredentials>;
  /** "交易完成回调 URL" set in the console; notifications go nowhere until one is set. */
  callbackUrl?: string;
}

export type TamperMode =
  /** response_content changed (description) after signing, authen_code kept. */
  | 'alter'
  /** response_content re-serialised (same meaning, other text), authen_code kept. */
  | 'reserialise';

export interface TencentSandbox {
  app: FastifyInstance;
  faults: FaultSwitchboard;
  notifier: Notifier;
  orders: TencentOrders;
  credentials: TencentCredentials;
  setCallbackUrl(url: string | undefined): void;
  /** Answer `endpoint` with a documented status (3/101/102/103/104) for the next `times` calls. */
  answerStatus(endpoint: Endpoint, answer: StatusAnswer, options?: { times?: number }): void;
  /** Alter the next `times` signed answers of `endpoint` after signing. */
  tamper(endpoint: Endpoint, mode: TamperMode, options?: { times?: number }): void;
  /** Answer successes of `endpoint` in this form from now on (close_order and refund have several). */
  answerForm(endpoint: 'close_order' | 'refund', form: AnswerForm): void;
  /** What processing refunds settle to from now on (a documented WxpayRefundOrderState; default 2). */
  settleRefundsAs(state: number): void;
  /**
   * The adapter's environment for this sandbox listening at `baseUrl`. Cloud pay has no notify URL
   * in requests (it is set in the console), so a given `notifyUrl` becomes the callback URL here.
   */
  adapterEnv(baseUrl: string, notifyUrl?: string): Record<string, string>;
}

/** WeChat-style numeric ids (transaction_id, refund_id). */
function digits(count: number): string {
  return Array.from({ length: count }, () => randomInt(10)).join('');
}

const ENDPOINT_PATH = /^\/cpay\/([a-z_]+)$/;

function endpointOf(request: FastifyRequest): string | undefined {
  return ENDPOINT_PATH.exec(request.routeOptions.url ?? '')?.[1];
}

function tampered(answer: string, mode: TamperMode): string {
  const outer = JSON.parse(answer) as { response_content: string; authen_info?: unknown };
  const content = JSON.parse(outer.response_content) as { description?: string };
  outer.response_content =
    mode === 'alter' ? JSON.stringify({ ...content, description: `${content.description ?? ''}!` }) : JSON.stringify(content, null, 1);
  return JSON.stringify(outer);
}

export function createTencentSandbox(options: TencentSandboxOptions): TencentSandbox {
  const { cashier, clock } = options;
  const credentials: TencentCredentials = {
    outMchId: options.credentials?.outMchId ?? 'sz01SBXmch0000000001',
    outSubMchId: options.credentials?.outSubMchId ?? 'sz01SBXsub0000000001',
    outShopId: options.credentials?.outShopId ?? 'sz01SBXshop000000001',
    authenKey: options.credentials?.authenKey ?? randomToken(32),
    orderPrefix: options.credentials?.orderPrefix ?? 'sz01sbx',
    appId: options.credentials?.appId ?? DEFAULT_BOUND_APP_ID,
    bindRequestedAppId: options.credentials?.bindRequestedAppId ?? true,
    deviceId: options.credentials?.deviceId ?? 'sandbox-cloud-fn-01',
  };
  const key = credentials.authenKey;
  const prefix = credentials.orderPrefix;
  let callbackUrl = options.callbackUrl;
  const orders = new TencentOrders(() => clock.now());
  const faults = new FaultSwitchboard();
  const notifier = new Notifier({ clock, retryDelaysMs: NOTIFY_RETRY_DELAYS_MS, isAcknowledged: isAcknowledgedBy(key) });
  const tampering = new Map<string, { mode: TamperMode; remaining: number | undefined }>();
  const answerForms = new Map<Endpoint, AnswerForm>();
  let refundSettlesTo: number = WxpayRefundOrderState.SUCCEEDED;
  const timers = new Set<() => void>();

  const app = createSandboxApp();
  // The envelope is read from the body text itself: the signed request_content is the string as sent.
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  installFaults(app, faults, {
    endpointOf,
    renderStatus: (payload) => ({ body: statusAnswer(key, payload as StatusAnswer) }),
  });
  app.addHook('onClose', async () => {
    notifier.close();
    for (const cancel of timers) cancel();
    timers.clear();
  });

  const after = (ms: number, fn: () => void) => {
    const cancel = clock.setTimeout(() => {
      timers.delete(cancel);
      fn();
    }, ms);
    timers.add(cancel);
  };

  // ---- what the sandbox says about an order ----

  const payMchKeyOut = (order?: SandboxOrder) => ({
    pay_platform: PayPlatform.WECHAT,
    out_mch_id: credentials.outMchId,
    out_sub_mch_id: credentials.outSubMchId,
    out_shop_id: credentials.outShopId,
    sub_pay_platform: SubPayPlatform.WECHAT,
    wxpay_pay_mch_key_ext: {
      app_id: SERVICE_APP_ID,
      sub_app_id: order?.appId ?? credentials.appId,
      ...(order ? { sub_open_id: order.subOpenId } : {}),
    },
  });

  const orderContent = (order: SandboxOrder) => ({
    out_trade_no: order.outTradeNo,
    ...(order.transactionId ? { transaction_id: order.transactionId } : {}),
    trade_type: order.tradeType,
    ...(order.timeExpire !== undefined ? { time_expire: order.timeExpire } : {}),
    ...(order.timeEnd !== undefined ? { time_end: order.timeEnd } : {}),
    nonce_str: randomToken(32),
    create_time: order.createTime,
    last_update_time: order.lastUpdateTime,
    is_transforming: false,
    total_fee: order.totalFee,
    fee_type: 'CNY',
    ...(order.state === WxpayOrderState.PAID || order.state === WxpayOrderState.TURNED_TO_REFUND
      ? { cash_fee: order.totalFee, cash_fee_type: 'CNY' }
      : {}),
    body: order.body,
    ...(order.detail !== undefined ? { detail: order.detail } : {}),
    wxpay_order_content_ext: { current_trade_state: order.state, prepare_id: order.prepayId },
  });

  const refundContent = (refund: SandboxRefund) => ({
    out_refund_no: refund.outRefundNo,
    refund_id: refund.refundId,
    out_trade_no: refund.outTradeNo,
    trade_type: TradeType.OFFICIAL_ACCOUNT,
    nonce_str: randomToken(32),
    create_time: refund.createTime,
    last_update_time: refund.lastUpdateTime,
    is_transforming: false,
    total_fee: refund.totalFee,
    refund_fee: refund.refundFee,
    refund_fee_type: 'CNY',
    wxpay_refund_order_content_ext: { state: refund.state, cash_refund_fee: refund.refundFee },
  });

  // ---- events ----

  const notifyPaid = (order: SandboxOrder) => {
    if (!callbackUrl) return;
    notifier.send({
      url: callbackUrl,
      headers: { 'content-type': 'application/json' },
      body: notificationBody(key, {
        pay_mch_key: payMchKeyOut(order),
        order_content: orderContent(order),
        // OrderClient (公共数据结构): terminal_type, sub_terminal_type, sdk_version, spbill_create_ip required.
        order_client: { terminal_type: 100, sub_terminal_type: 0, sdk_version: '1.0', spbill_create_ip: '127.0.0.1' },
      }),
    });
  };

  const markPaid = (outTradeNo: string) => {
    const moved = orders.transition(outTradeNo, [WxpayOrderState.WAITING_FOR_PAYMENT], WxpayOrderState.PAID, {
      transactionId: `4200${digits(24)}`,
      timeEnd: Math.floor(clock.now() / 1000),
    });
    const order = orders.get(outTradeNo);
    if (moved && order) notifyPaid(order);
  };

  const closeUnpaid = (outTradeNo: string): boolean => {
    const order = orders.get(outTradeNo);
    const moved = orders.transition(outTradeNo, [WxpayOrderState.WAITING_FOR_PAYMENT], WxpayOrderState.CLOSED);
    if (moved && order) cashier.revoke(order.prepayId);
    return moved;
  };

  // ---- endpoints ----

  const checkMerchant = (mch: { pay_platform?: number; out_mch_id: string; out_sub_mch_id: string; out_shop_id: string }) => {
    if (mch.pay_platform !== undefined && mch.pay_platform !== PayPlatform.WECHAT) throw fail.badRequest('pay_mch_key.pay_platform: only 1 (WeChat Pay) is open for this sub-merchant');
    if (mch.out_mch_id !== credentials.outMchId) throw fail.wrongMerchant('pay_mch_key.out_mch_id: unknown service provider');
    if (mch.out_sub_mch_id !== credentials.outSubMchId) throw fail.wrongMerchant('pay_mch_key.out_sub_mch_id: not this service provider\'s sub-merchant');
    if (mch.out_shop_id !== credentials.outShopId) throw fail.wrongMerchant('pay_mch_key.out_shop_id: not a shop of this sub-merchant');
  };

  const officialAccountPay = (input: officialAccountPayPage.OfficialAccountPayRequest) => {
    const pay = input.pay_content;
    if (pay.time_expire !== undefined && pay.time_expire * 1000 <= clock.now()) {
      throw fail.badRequest('pay_content.time_expire: already in the past');
    }
    const subOpenId = input.pay_mch_key.wxpay_pay_mch_key_ext?.sub_open_id ?? input.pay_mch_key.wxpay_pay_mch_key_ext?.open_id ?? '';
    const fingerprint = JSON.stringify([pay.total_fee, pay.fee_type, pay.body, pay.detail ?? null, pay.time_expire ?? null, subOpenId]);
    let order = orders.get(pay.out_trade_no);
    if (order) {
      if (order.fingerprint !== fingerprint) throw fail.orderNoUsed('out_trade_no already used for an order with different content');
      if (order.state !== WxpayOrderState.WAITING_FOR_PAYMENT) throw fail.orderNoUsed('out_trade_no already used for an order that is no longer payable');
    } else {
      const requested = input.pay_mch_key.wxpay_pay_mch_key_ext.sub_app_id;
      const appId = credentials.bindRequestedAppId && requested ? requested : credentials.appId;
      const issued = cashier.issue({
        appId,
        amount: pay.total_fee,
        description: pay.body,
        provider: 'Tencent Cloud Pay',
        onPaid: () => markPaid(pay.out_trade_no),
      });
      const prepayId = issued.package.replace(/^prepay_id=/, '');
      order = orders.add({
        outTradeNo: pay.out_trade_no,
        fingerprint,
        appId,
        tradeType: TradeType.OFFICIAL_ACCOUNT,
        totalFee: pay.total_fee,
        body: pay.body,
        ...(pay.detail !== undefined ? { detail: pay.detail } : {}),
        subOpenId,
        ...(pay.time_expire !== undefined ? { timeExpire: pay.time_expire } : {}),
        prepayId,
        payArgs: {
          app_id: issued.appId,
          timestamp: issued.timeStamp,
          nonce_str: issued.nonceStr,
          package: issued.package,
          sign_type: issued.signType,
          pay_sign: issued.paySign,
        },
      });
      if (pay.time_expire !== undefined) after(pay.time_expire * 1000 - clock.now(), () => closeUnpaid(pay.out_trade_no));
    }
    return {
      member: officialAccountPayPage.ANSWER_MEMBER,
      payload: {
        pay_mch_key: payMchKeyOut(order),
        order_content: orderContent(order),
        nonce_str: randomToken(32),
        jsapi_args: { wxpay: { get_brand_wcpay: order.payArgs } },
      },
    };
  };

  const knownOrder = (outTradeNo: string): SandboxOrder => {
    const order = orders.get(outTradeNo);
    if (!order) throw fail.notFound('out_trade_no: order does not exist');
    return order;
  };

  const queryOrder = (input: queryOrderPage.QueryOrderRequest) => {
    const order = knownOrder(input.out_trade_no);
    return { member: queryOrderPage.ANSWER_MEMBER, payload: { nonce_str: randomToken(32), pay_mch_key: payMchKeyOut(order), order_content: orderContent(order) } };
  };

  const closeOrder = (input: closeOrderPage.CloseOrderRequest) => {
    const order = knownOrder(input.out_trade_no);
    // The sandbox's orders are all official-account orders, for which the page waives device_id.
    if (!input.order_client.device_id && order.tradeType !== TradeType.OFFICIAL_ACCOUNT) {
      throw fail.badRequest('order_client.device_id: required (only official-account orders may leave it out)');
    }
    if (order.state !== WxpayOrderState.CLOSED && !closeUnpaid(order.outTradeNo)) {
      throw fail.wrongState(`order is in state ${order.state}, only an unpaid order can be closed`);
    }
    const form = answerForms.get('close_order') ?? 'table';
    return { member: form === 'example' ? closeOrderPage.EXAMPLE_ANSWER_MEMBER : closeOrderPage.ANSWER_MEMBER, payload: { nonce_str: randomToken(32) } };
  };

  /** The refund answer in the chosen form (table: one object; example: an array under query_refund_order). */
  const refundAnswer = (order: SandboxOrder, refundOrder: SandboxRefund) => {
    const form = answerForms.get('refund') ?? 'table';
    const base = { nonce_str: randomToken(32), pay_mch_key: payMchKeyOut(order) };
    if (form === 'no-content') return { member: refundPage.ANSWER_MEMBER, payload: base };
    if (form === 'example') return { member: refundPage.EXAMPLE_ANSWER_MEMBER, payload: { ...base, refund_order_content: [refundContent(refundOrder)] } };
    return { member: refundPage.ANSWER_MEMBER, payload: { ...base, refund_order_content: refundContent(refundOrder) } };
  };

  const refund = (input: refundPage.RefundRequest) => {
    const wanted = input.refund_content;
    const order = knownOrder(wanted.out_trade_no);
    const existing = orders.refundByNo(wanted.out_refund_no);
    if (existing) {
      if (existing.outTradeNo !== wanted.out_trade_no || existing.refundFee !== wanted.refund_fee) {
        throw fail.orderNoUsed('out_refund_no already used for another refund');
      }
      return refundAnswer(order, existing);
    }
    if (wanted.total_fee !== order.totalFee) throw fail.badRequest('refund_content.total_fee: does not match the order\'s total_fee');
    if (order.state !== WxpayOrderState.PAID && order.state !== WxpayOrderState.TURNED_TO_REFUND) {
      throw fail.wrongState(`order is in state ${order.state}, only a paid order can be refunded`);
    }
    if (order.refundedFee + wanted.refund_fee > order.totalFee) {
      throw fail.refundExceeds(`refund_fee: ${wanted.refund_fee} exceeds what is left to refund (${order.totalFee - order.refundedFee})`);
    }
    const stored = orders.addRefund({
      outRefundNo: wanted.out_refund_no,
      outTradeNo: wanted.out_trade_no,
      refundId: `5030${digits(25)}`,
      totalFee: wanted.total_fee,
      refundFee: wanted.refund_fee,
    });
    after(REFUND_SETTLE_MS, () => orders.settleRefund(stored.outRefundNo, refundSettlesTo));
    return refundAnswer(order, stored);
  };

  const queryRefundOrder = (input: queryRefundOrderPage.QueryRefundOrderRequest) => {
    const found = orders.refund({ outTradeNo: input.out_trade_no, outRefundNo: input.out_refund_no });
    if (!found) throw fail.notFound('out_refund_no: refund does not exist for this out_trade_no');
    return {
      member: queryRefundOrderPage.ANSWER_MEMBER,
      payload: { nonce_str: randomToken(32), pay_mch_key: payMchKeyOut(), refund_order_content: [refundContent(found)] },
    };
  };

  // ---- the route: envelope → authen_code → fields → merchant → handler → signed answer ----

  function route<T extends { pay_mch_key: Parameters<typeof checkMerchant>[0] }>(
    endpoint: Endpoint,
    schema: Schema<T>,
    handle: (input: T) => { member: string; payload: unknown },
  ) {
    app.post(`/cpay/${endpoint}`, async (request, reply: FastifyReply) => {
      const text = typeof request.body === 'string' ? request.body : '';
      let answer: string;
      try {
        // "content-type 字段必须使用 application/json" (pages/call-conventions.ts).
        const mediaType = String(request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
        if (mediaType !== CONTENT_TYPE) throw fail.badRequest(`content-type: must be ${CONTENT_TYPE}, not ${mediaType || 'absent'}`);
        const opened = openEnvelope(key, text, 'request_content');
        if (!opened) throw fail.badRequest('request: not a request envelope (request_content missing or not a string)');
        // authen_info is required on requests (documented), in the documented format.
        if (opened.authen !== 'valid') throw fail.badAuthenCode();
        let content: unknown;
        try {
          content = JSON.parse(opened.contentText);
        } catch {
          throw fail.badRequest('request_content: not JSON text');
        }
        const parsed = check(schema, content);
        if (!parsed.success) throw fail.badRequest(describeIssues(parsed.issues));
        checkMerchant(parsed.output.pay_mch_key);
        const { member, payload } = handle(parsed.output);
        answer = okAnswer(key, member, payload);
        const armed = tampering.get(endpoint);
        if (armed) {
          if (armed.remaining !== undefined && --armed.remaining <= 0) tampering.delete(endpoint);
          answer = tampered(answer, armed.mode);
        }
      } catch (err) {
        if (!(err instanceof CpayFailure)) throw err;
        answer = statusAnswer(key, err.answer);
      }
      return reply.code(200).type('application/json; charset=utf-8').send(answer);
    });
  }

  route('official_account_pay', officialAccountPayPage.requestSchema(prefix), officialAccountPay);
  route('query_order', queryOrderPage.requestSchema(prefix), queryOrder);
  route('close_order', closeOrderPage.requestSchema(prefix), closeOrder);
  route('refund', refundPage.requestSchema(prefix), refund);
  route('query_refund_order', queryRefundOrderPage.requestSchema(prefix), queryRefundOrder);

  return {
    app,
    faults,
    notifier,
    orders,
    credentials,
    setCallbackUrl: (url) => {
      callbackUrl = url;
    },
    answerStatus: (endpoint, answer, opts = {}) => faults.set(endpoint, { kind: 'status', payload: answer }, opts),
    tamper: (endpoint, mode, opts = {}) => tampering.set(endpoint, { mode, remaining: opts.times }),
    answerForm: (endpoint, form) => answerForms.set(endpoint, form),
    settleRefundsAs: (state) => {
      refundSettlesTo = state;
    },
    adapterEnv: (baseUrl, notifyUrl) => {
      if (notifyUrl !== undefined) callbackUrl = notifyUrl;
      return {
        [ADAPTER_ENV.baseUrl]: baseUrl,
        [ADAPTER_ENV.outMchId]: credentials.outMchId,
        [ADAPTER_ENV.outSubMchId]: credentials.outSubMchId,
        [ADAPTER_ENV.outShopId]: credentials.outShopId,
        [ADAPTER_ENV.authenKey]: credentials.authenKey,
        [ADAPTER_ENV.orderPrefix]: credentials.orderPrefix,
        [ADAPTER_ENV.spbillIp]: '127.0.0.1',
        [ADAPTER_ENV.deviceId]: credentials.deviceId,
      };
    },
  };
}

/** This sandbox as the sandbox registry (sandbox/registry.ts) lists it. */
export const tencentSandboxEntry: SandboxEntry<TencentSandbox> = {
  defaultPort: 8704,
  create: createTencentSandbox,
  faultEndpoints: { create: 'official_account_pay', query: 'query_order', close: 'close_order', refund: 'refund' },
  refusal: { status: 104, description: 'sub-merchant suspended' },
  orderCount: (s) => s.orders.all().length,
  misdirect: (s, asked, other) => s.orders.misdirect(asked, other),
  failRefunds: (s) => {
    s.settleRefundsAs(WxpayRefundOrderState.FAILED);
    return () => s.settleRefundsAs(WxpayRefundOrderState.SUCCEEDED);
  },
  tamperAmount: (s, orderNo, amount) => {
    const order = s.orders.get(orderNo) as { totalFee: number } | undefined;
    if (!order) throw new Error(`sandbox has no order ${orderNo}`);
    order.totalFee = amount;
  },
  forgeAnswer: (s, endpoint) => {
    s.tamper(endpoint as Parameters<TencentSandbox['tamper']>[0], 'alter', { times: 1 });
    return () => undefined;
  },
};
