/**
 * Stage `build`: our order → the provider's body, validated against the documented field limits
 * before anything is sent, so a request the provider would refuse fails here with
 * INVALID_ARGUMENT naming the provider's field (and nothing was sent).
 */
import type { Payer, PaymentOrder, RefundRequest } from '../contract';
import { requestOf as validated } from '../pipeline';
import type { QuickpayConfig } from './config';
import {
  DEFAULT_OPERATOR,
  jsapiPayRequestSchema,
  PAYTYPE_WECHAT,
  queryRequestSchema,
  refundRequestSchema,
  type JsapiPayRequest,
  type QueryRequest,
  type RefundRequestBody,
} from './types';

/** Used when a refund has no reason: refund_desc is part of the documented body. */
export const DEFAULT_REFUND_DESC = 'refund';

type Settings = Pick<QuickpayConfig, 'storeNo' | 'notifyUrl'>;

export function buildJsapiPayRequest(order: PaymentOrder, payer: Payer, config: Settings): JsapiPayRequest {
  return validated(jsapiPayRequestSchema, {
    store_no: config.storeNo,
    paytype: PAYTYPE_WECHAT,
    operator: DEFAULT_OPERATOR,
    appid: payer.appId,
    openid: payer.openId,
    amount: order.amount,
    order_no: order.orderNo,
    iteminfo: order.description,
    notify_url: config.notifyUrl,
  });
}

/** QuickPay/Query takes `{store_no, order_no}` (so does the assumed cancel, assumptions.ts). */
export function buildOrderRequest(orderNo: string, config: Pick<QuickpayConfig, 'storeNo'>): QueryRequest {
  return validated(queryRequestSchema, { store_no: config.storeNo, order_no: orderNo });
}

export function buildRefundRequest(request: RefundRequest, config: Pick<QuickpayConfig, 'storeNo'>): RefundRequestBody {
  return validated(refundRequestSchema, {
    store_no: config.storeNo,
    operator: DEFAULT_OPERATOR,
    amount: request.orderAmount,
    refund_amount: request.refundAmount,
    order_no: request.orderNo,
    refund_no: request.refundNo,
    refund_desc: request.reason || DEFAULT_REFUND_DESC,
  });
}
