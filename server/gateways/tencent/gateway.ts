/**
 * The Tencent Cloud Pay gateway: each operation is build → seal (sign) → send → open (verify) →
 * decide status → parse → map. Only `call` touches the network.
 */
import type { ZodType, ZodTypeDef } from 'zod';
import { randomToken } from '../../platform/crypto';
import { postRaw, TransportError, type RawResponse } from '../../platform/http';
import { createLogger } from '../../platform/log';
import {
  GatewayError,
  type HttpReply,
  type IncomingNotification,
  type JsapiPayment,
  type ParsedNotification,
  type PaymentGateway,
  type PaymentOrder,
  type Payer,
  type ProviderOrderState,
  type RefundRequest,
  type RefundResult,
} from '../contract';
import {
  buildCloseOrder,
  buildOfficialAccountPay,
  buildQueryOrder,
  buildQueryRefundOrder,
  buildRefund,
} from './build';
import type { TencentSettings } from './config';
import { EnvelopeFormatError, openResponse, parseContent, sealRequest } from './envelope';
import { toProviderOrderState, toRefundResult, toRequestPaymentParams } from './map';
import { parseTencentNotification, tencentAcknowledgement } from './notification';
import { acceptAnswer } from './status';
import {
  CloseOrderResponseSchema,
  OfficialAccountPayResponseSchema,
  QueryOrderResponseSchema,
  QueryRefundOrderResponseSchema,
  RefundResponseSchema,
  ResponseHeadSchema,
  type Endpoint,
  type EndpointRequests,
  type RefundOrderContent,
} from './types';

const log = createLogger('gateway.tencent');

export type Post = typeof postRaw;

export interface TencentGatewayDeps {
  /** nonce_str generator (tests pin it). */
  nonce?: () => string;
  post?: Post;
}

function malformed(endpoint: string, message: string, cause?: unknown): GatewayError {
  return new GatewayError('tencent', 'PROVIDER_UNAVAILABLE', `${endpoint}: malformed answer (${message})`, 'unknown', { cause });
}

function inconsistent(endpoint: string, message: string): GatewayError {
  return new GatewayError('tencent', 'PROVIDER_REJECTED', `${endpoint}: answer does not match the request (${message})`, 'unknown');
}

/**
 * The prepay is for another mini program: a console setting, not a transient fault. The order
 * exists at cloud pay (unpayable here): outcome unknown, so it is queried and closed, never re-sent.
 */
export function appIdMismatch(issuedFor: string, miniProgram: string): GatewayError {
  return new GatewayError(
    'tencent',
    'CONFIG_INVALID',
    `official_account_pay: the pay parameters are issued for AppID ${issuedFor}, but this mini program is ${miniProgram}: bind this mini program's AppID (${miniProgram}) to the sub-merchant in the Tencent Cloud Pay console`,
    'unknown',
    { retryable: false },
  );
}

export class TencentGateway implements PaymentGateway {
  readonly name = 'tencent' as const;
  readonly orderNoPrefix: string;
  private readonly nonce: () => string;
  private readonly post: Post;

  constructor(
    private readonly settings: TencentSettings,
    deps: TencentGatewayDeps = {},
  ) {
    this.orderNoPrefix = settings.orderPrefix;
    this.nonce = deps.nonce ?? (() => randomToken(32));
    this.post = deps.post ?? postRaw;
  }

  async createJsapi(order: PaymentOrder, payer: Payer): Promise<JsapiPayment> {
    const request = buildOfficialAccountPay(this.settings, order, payer, this.nonce());
    const answer = await this.call('official_account_pay', request, OfficialAccountPayResponseSchema);
    const { order_content: content, pay_mch_key: mch, jsapi_args } = answer.official_account_pay;
    if (content.out_trade_no !== order.orderNo) throw inconsistent('official_account_pay', 'out_trade_no');
    if (mch.out_sub_mch_id !== this.settings.outSubMchId) throw inconsistent('official_account_pay', 'out_sub_mch_id');
    if (content.total_fee !== undefined && content.total_fee !== order.amount) {
      throw new GatewayError('tencent', 'AMOUNT_MISMATCH', `official_account_pay: total_fee ${content.total_fee} ≠ ${order.amount}`, 'unknown');
    }
    const args = jsapi_args.wxpay.get_brand_wcpay;
    // WeChat refuses to pay a prepay issued for another AppID inside this mini program.
    if (args.app_id !== payer.appId) throw appIdMismatch(args.app_id, payer.appId);
    return { params: toRequestPaymentParams(args) };
  }

  async query(orderNo: string): Promise<ProviderOrderState> {
    const answer = await this.call('query_order', buildQueryOrder(this.settings, orderNo, this.nonce()), QueryOrderResponseSchema);
    const { order_content: content, pay_mch_key: mch } = answer.query_order;
    if (content.out_trade_no !== orderNo) throw inconsistent('query_order', 'out_trade_no');
    return toProviderOrderState(content, mch);
  }

  /** A verified status 0 closed it, whichever member (close_order, or query_order as the page's example) it carries. */
  async close(orderNo: string): Promise<void> {
    await this.call('close_order', buildCloseOrder(this.settings, orderNo, this.nonce()), CloseOrderResponseSchema);
  }

  async refund(request: RefundRequest): Promise<RefundResult> {
    const answer = await this.call('refund', buildRefund(this.settings, request, this.nonce()), RefundResponseSchema);
    const member = answer.refund ?? answer.query_refund_order;
    const contents = member?.refund_order_content;
    if (contents === undefined || (Array.isArray(contents) && contents.length === 0)) {
      // refund_order_content is optional: a verified status 0 without it = accepted; its state comes
      // from asking again (the same out_refund_no never refunds twice) or query_refund_order.
      return { refundNo: request.refundNo, status: 'PENDING', rawStatus: 'accepted', refundAmount: request.refundAmount };
    }
    const content = Array.isArray(contents) ? contents.find((r) => r.out_refund_no === request.refundNo) : contents;
    if (!content || content.out_refund_no !== request.refundNo) throw inconsistent('refund', 'out_refund_no');
    return this.refundResult('refund', content);
  }

  /** query_refund_order: the state of one refund of an order. */
  async queryRefund(orderNo: string, refundNo: string): Promise<RefundResult> {
    const request = buildQueryRefundOrder(this.settings, orderNo, refundNo, this.nonce());
    const answer = await this.call('query_refund_order', request, QueryRefundOrderResponseSchema);
    const contents = answer.query_refund_order.refund_order_content ?? [];
    const content = (Array.isArray(contents) ? contents : [contents]).find((r) => r.out_refund_no === refundNo);
    if (!content) {
      throw new GatewayError('tencent', 'NOT_FOUND', `query_refund_order: no refund ${refundNo} in the answer`, 'rejected');
    }
    return this.refundResult('query_refund_order', content);
  }

  private refundResult(endpoint: Endpoint, content: RefundOrderContent): RefundResult {
    const result = toRefundResult(content);
    if (result.manualActionRequired) {
      log.error('ALERT refund needs a person', { endpoint, refundNo: result.refundNo, rawStatus: result.rawStatus, action: result.manualActionRequired });
    }
    return result;
  }

  parseNotification(notification: IncomingNotification): ParsedNotification {
    return parseTencentNotification(this.settings.authenKey, notification);
  }

  acknowledge(ok: boolean): HttpReply {
    return tencentAcknowledgement(this.settings.authenKey, ok);
  }

  /** seal → send → open → status → parse. */
  private async call<E extends Endpoint, T>(
    endpoint: E,
    content: EndpointRequests[E],
    schema: ZodType<T, ZodTypeDef, unknown>,
  ): Promise<T> {
    const { body } = sealRequest(this.settings.authenKey, content);
    const raw = await this.send(endpoint, body);
    let opened;
    try {
      opened = openResponse(this.settings.authenKey, raw.body);
    } catch (err) {
      if (err instanceof EnvelopeFormatError) throw malformed(endpoint, err.message);
      throw err;
    }
    if (opened.authenticity === 'forged') {
      // Nothing in a forged answer is read, not even its status.
      log.warn('answer with a wrong authen_code', { endpoint });
      throw new GatewayError('tencent', 'SIGNATURE_INVALID', `${endpoint}: answer's authen_code does not verify`, 'unknown');
    }
    let parsedContent: unknown;
    try {
      parsedContent = parseContent(opened.contentText);
    } catch (err) {
      throw malformed(endpoint, 'response_content is not JSON text', err);
    }
    const head = ResponseHeadSchema.safeParse(parsedContent);
    if (!head.success) throw malformed(endpoint, 'no numeric status');
    log.info('cpay answer', {
      endpoint,
      status: head.data.status,
      internalStatus: head.data.internal_status,
      logId: head.data.log_id,
      signed: opened.authenticity === 'signed',
    });
    acceptAnswer(endpoint, head.data, opened.authenticity);
    const parsed = schema.safeParse(parsedContent);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
      throw malformed(endpoint, `missing or malformed: ${fields}`);
    }
    return parsed.data;
  }

  private async send(endpoint: Endpoint, body: string): Promise<RawResponse> {
    const url = `${this.settings.baseUrl}/cpay/${endpoint}`;
    let response: RawResponse;
    try {
      response = await this.post(url, body, {
        headers: { 'content-type': 'application/json' },
        timeoutMs: this.settings.timeoutMs,
      });
    } catch (err) {
      if (err instanceof TransportError) {
        log.warn('cpay call failed', { endpoint, outcome: err.outcome, error: err.message });
        throw new GatewayError('tencent', 'PROVIDER_UNAVAILABLE', `${endpoint}: ${err.message}`, err.outcome, { cause: err });
      }
      throw err;
    }
    if (response.status >= 500) {
      throw new GatewayError('tencent', 'PROVIDER_UNAVAILABLE', `${endpoint}: HTTP ${response.status}`, 'unknown');
    }
    if (response.status >= 400) {
      throw new GatewayError('tencent', 'PROVIDER_REJECTED', `${endpoint}: HTTP ${response.status}`, 'rejected', {
        retryable: false,
      });
    }
    return response;
  }
}
