/**
 * Tencent Cloud Pay sandbox: `POST /cpay/<endpoint>` with the documented envelope, as strict as the
 * reference (rules.ts): a missing or wrong authen_code → 101 + internal_status 7 (unsigned); bad
 * fields, another merchant, a number without the prefix or over 32 characters, fee_type ≠ CNY →
 * 101 naming the field. Answers are signed over the exact response_content text the sandbox emits.
 * official_account_pay registers the order with the shared WeChat cashier; when the shopper pays,
 * current_trade_state becomes 3 and a signed notification goes to the callback URL, retried until
 * a properly signed {"status":0} reply. Faults: the shared switchboard (endpoint = the endpoint
 * name; `answerStatus` for each documented status), notification faults on `notifier`, and
 * `tamper` to alter a signed answer after signing.
 */
import { randomInt } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodType, ZodTypeDef } from 'zod';
import { ENV_VARIABLES } from '../../server/gateways/tencent/config';
import { EnvelopeFormatError, openRequest, parseContent } from '../../server/gateways/tencent/envelope';
import {
  PayPlatform,
  SubPayPlatform,
  TradeType,
  WxpayOrderState,
  type Endpoint,
} from '../../server/gateways/tencent/types';
import { randomToken } from '../../server/platform/crypto';
import { describeZodError } from '../../server/platform/validation';
import { createSandboxApp, FaultSwitchboard, installFaults, Notifier, type Cashier, type SandboxClock } from '../common';
import { CpayFailure, fail, okAnswer, statusAnswer, type StatusAnswer } from './answers';
import { NOTIFY_RETRY_DELAYS_MS, REFUND_SETTLE_MS, SERVICE_APP_ID } from './docs';
import { isAcknowledgedBy, notificationBody } from './notify';
import { TencentOrders, type SandboxOrder, type SandboxRefund } from './orders';
import {
  closeOrderSchema,
  hasDocumentedAuthenCode,
  officialAccountPaySchema,
  queryOrderSchema,
  queryRefundOrderSchema,
  refundSchema,
  type OfficialAccountPayInput,
  type QueryOrderInput,
  type QueryRefundOrderInput,
  type RefundInput,
} from './rules';

export interface TencentCredentials {
  outMchId: string;
  outSubMchId: string;
  outShopId: string;
  /** The sub-merchant's authen key (random per sandbox unless given). */
  authenKey: string;
  /** cloud_cashier_id: every out_trade_no / out_refund_no starts with it. */
  orderPrefix: string;
  /** The mini program's AppID the pay parameters are issued for (sub_app_id, set in the console). */
  appId: string;
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
    appId: options.credentials?.appId ?? 'wxsandboxminiprog01',
  };
  const key = credentials.authenKey;
  const prefix = credentials.orderPrefix;
  let callbackUrl = options.callbackUrl;
  const orders = new TencentOrders(() => clock.now());
  const faults = new FaultSwitchboard();
  const notifier = new Notifier({ clock, retryDelaysMs: NOTIFY_RETRY_DELAYS_MS, isAcknowledged: isAcknowledgedBy(key) });
  const tampering = new Map<string, { mode: TamperMode; remaining: number | undefined }>();
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
      sub_app_id: credentials.appId,
      ...(order ? { sub_open_id: order.subOpenId } : {}),
    },
  });

  const orderContent = (order: SandboxOrder) => ({
    out_trade_no: order.outTradeNo,
    ...(order.transactionId ? { transaction_id: order.transactionId } : {}),
    trade_type: TradeType.OFFICIAL_ACCOUNT,
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
        order_client: { spbill_create_ip: '127.0.0.1' },
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

  const checkMerchant = (mch: { pay_platform: number; out_mch_id: string; out_sub_mch_id: string; out_shop_id: string }) => {
    if (mch.pay_platform !== PayPlatform.WECHAT) throw fail.badRequest('pay_mch_key.pay_platform: only 1 (WeChat Pay) is open for this sub-merchant');
    if (mch.out_mch_id !== credentials.outMchId) throw fail.wrongMerchant('pay_mch_key.out_mch_id: unknown service provider');
    if (mch.out_sub_mch_id !== credentials.outSubMchId) throw fail.wrongMerchant('pay_mch_key.out_sub_mch_id: not this service provider\'s sub-merchant');
    if (mch.out_shop_id !== credentials.outShopId) throw fail.wrongMerchant('pay_mch_key.out_shop_id: not a shop of this sub-merchant');
  };

  const officialAccountPay = (input: OfficialAccountPayInput) => {
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
      const issued = cashier.issue({
        appId: credentials.appId,
        amount: pay.total_fee,
        description: pay.body,
        provider: 'Tencent Cloud Pay',
        onPaid: () => markPaid(pay.out_trade_no),
      });
      const prepayId = issued.package.replace(/^prepay_id=/, '');
      order = orders.add({
        outTradeNo: pay.out_trade_no,
        fingerprint,
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
      member: 'official_account_pay',
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

  const queryOrder = (input: QueryOrderInput) => {
    const order = knownOrder(input.out_trade_no);
    return { member: 'query_order', payload: { nonce_str: randomToken(32), pay_mch_key: payMchKeyOut(order), order_content: orderContent(order) } };
  };

  const closeOrder = (input: QueryOrderInput) => {
    const order = knownOrder(input.out_trade_no);
    if (order.state !== WxpayOrderState.CLOSED && !closeUnpaid(order.outTradeNo)) {
      throw fail.wrongState(`order is in state ${order.state}, only an unpaid order can be closed`);
    }
    return { member: 'close_order', payload: { nonce_str: randomToken(32) } };
  };

  const refund = (input: RefundInput) => {
    const wanted = input.refund_content;
    const order = knownOrder(wanted.out_trade_no);
    const existing = orders.refundByNo(wanted.out_refund_no);
    if (existing) {
      if (existing.outTradeNo !== wanted.out_trade_no || existing.refundFee !== wanted.refund_fee) {
        throw fail.orderNoUsed('out_refund_no already used for another refund');
      }
      return { member: 'refund', payload: { nonce_str: randomToken(32), pay_mch_key: payMchKeyOut(order), refund_order_content: refundContent(existing) } };
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
    after(REFUND_SETTLE_MS, () => orders.settleRefund(stored.outRefundNo));
    return { member: 'refund', payload: { nonce_str: randomToken(32), pay_mch_key: payMchKeyOut(order), refund_order_content: refundContent(stored) } };
  };

  const queryRefundOrder = (input: QueryRefundOrderInput) => {
    const found = orders.refund({ outTradeNo: input.out_trade_no, outRefundNo: input.out_refund_no });
    if (!found) throw fail.notFound('out_refund_no: refund does not exist for this out_trade_no');
    return {
      member: 'query_refund_order',
      payload: { nonce_str: randomToken(32), pay_mch_key: payMchKeyOut(), refund_order_content: [refundContent(found)] },
    };
  };

  // ---- the route: envelope → authen_code → fields → merchant → handler → signed answer ----

  function route<T extends { pay_mch_key: Parameters<typeof checkMerchant>[0] }>(
    endpoint: Endpoint,
    schema: ZodType<T, ZodTypeDef, unknown>,
    handle: (input: T) => { member: string; payload: unknown },
  ) {
    app.post(`/cpay/${endpoint}`, async (request, reply: FastifyReply) => {
      const text = typeof request.body === 'string' ? request.body : '';
      let answer: string;
      try {
        let opened;
        try {
          opened = openRequest(key, text);
        } catch (err) {
          if (err instanceof EnvelopeFormatError) throw fail.badRequest(`request: ${err.message}`);
          throw err;
        }
        // The shared verifier tolerates case; the provider documents uppercase hex, so the sandbox insists.
        if (opened.authenticity !== 'signed' || !hasDocumentedAuthenCode(text)) throw fail.badAuthenCode();
        let content: unknown;
        try {
          content = parseContent(opened.contentText);
        } catch {
          throw fail.badRequest('request_content: not JSON text');
        }
        const parsed = schema.safeParse(content);
        if (!parsed.success) throw fail.badRequest(describeZodError(parsed.error));
        checkMerchant(parsed.data.pay_mch_key);
        const { member, payload } = handle(parsed.data);
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

  route('official_account_pay', officialAccountPaySchema(prefix), officialAccountPay);
  route('query_order', queryOrderSchema(prefix), queryOrder);
  route('close_order', closeOrderSchema(prefix), closeOrder);
  route('refund', refundSchema(prefix), refund);
  route('query_refund_order', queryRefundOrderSchema(prefix), queryRefundOrder);

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
    adapterEnv: (baseUrl, notifyUrl) => {
      if (notifyUrl !== undefined) callbackUrl = notifyUrl;
      return {
        [ENV_VARIABLES.baseUrl]: baseUrl,
        [ENV_VARIABLES.outMchId]: credentials.outMchId,
        [ENV_VARIABLES.outSubMchId]: credentials.outSubMchId,
        [ENV_VARIABLES.outShopId]: credentials.outShopId,
        [ENV_VARIABLES.authenKey]: credentials.authenKey,
        [ENV_VARIABLES.orderPrefix]: credentials.orderPrefix,
        [ENV_VARIABLES.spbillIp]: '127.0.0.1',
      };
    },
  };
}
