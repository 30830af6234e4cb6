/**
 * Build each endpoint's RequestContent from our own types. Pure: the nonce and the merchant's
 * settings come in as arguments, so a test can assert the exact request.
 */
import type { PaymentOrder, Payer, RefundRequest } from '../contract';
import {
  BODY_MAX_BYTES,
  DETAIL_MAX_CHARS,
  REFUND_BY_SUB_ADMIN,
  REFUND_REASON_MAX_CHARS,
  SDK_VERSION,
  SEND_SUB_APP_ID,
  TERMINAL_TYPE_OTHER,
} from './assumptions';
import type { TencentSettings } from './config';
import { assertOrderNo } from './orderNo';
import {
  PayPlatform,
  SubPayPlatform,
  TradeType,
  type CloseOrderRequest,
  type GoodsDetail,
  type OfficialAccountPayRequest,
  type OrderClient,
  type PayMchKey,
  type QueryOrderRequest,
  type QueryRefundOrderRequest,
  type RefundRequestContent,
} from './types';

type MerchantSettings = Pick<TencentSettings, 'outMchId' | 'outSubMchId' | 'outShopId' | 'orderPrefix' | 'spbillIp' | 'deviceId'>;

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** Cut to at most `maxBytes` of UTF-8 without splitting a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  let out = '';
  let used = 0;
  for (const ch of text) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (used + size > maxBytes) break;
    out += ch;
    used += size;
  }
  return out;
}

function truncateChars(text: string, max: number): string {
  return Array.from(text).slice(0, max).join('');
}

function payMchKey(settings: MerchantSettings): PayMchKey {
  return {
    pay_platform: PayPlatform.WECHAT,
    sub_pay_platform: SubPayPlatform.WECHAT,
    out_mch_id: settings.outMchId,
    out_sub_mch_id: settings.outSubMchId,
    out_shop_id: settings.outShopId,
  };
}

/** spbill_create_ip is String(16): the shopper's IPv4 when the cloud context has one, else the configured one. */
export function spbillCreateIp(settings: MerchantSettings, clientIp?: string): string {
  return clientIp && IPV4.test(clientIp) ? clientIp : settings.spbillIp;
}

/** The four fields refund's table requires; sent on every endpoint (the others allow them). */
function orderClient(settings: MerchantSettings, clientIp?: string): OrderClient {
  return {
    device_id: settings.deviceId,
    terminal_type: TERMINAL_TYPE_OTHER,
    sdk_version: SDK_VERSION,
    spbill_create_ip: spbillCreateIp(settings, clientIp),
  };
}

/** `detail`: JSON text of {goods_detail: [...]} from the order lines; left out when too long. */
export function goodsDetailText(order: PaymentOrder): string | undefined {
  if (order.lines.length === 0) return undefined;
  const goods: GoodsDetail[] = order.lines.map((line) => ({
    goods_id: truncateChars(line.skuId, 32),
    goods_name: truncateChars(line.name, 256),
    quantity: line.quantity,
    price: line.unitPrice,
  }));
  const text = JSON.stringify({ goods_detail: goods });
  return text.length <= DETAIL_MAX_CHARS ? text : undefined;
}

export function buildOfficialAccountPay(
  settings: MerchantSettings,
  order: PaymentOrder,
  payer: Payer,
  nonce: string,
): OfficialAccountPayRequest {
  assertOrderNo('out_trade_no', order.orderNo, settings.orderPrefix);
  const detail = goodsDetailText(order);
  return {
    pay_mch_key: {
      ...payMchKey(settings),
      wxpay_pay_mch_key_ext: { ...(SEND_SUB_APP_ID ? { sub_app_id: payer.appId } : {}), sub_open_id: payer.openId },
    },
    pay_content: {
      out_trade_no: order.orderNo,
      total_fee: order.amount,
      fee_type: 'CNY',
      body: truncateUtf8(order.description, BODY_MAX_BYTES),
      ...(detail !== undefined ? { detail } : {}),
      ...(order.expiresAt ? { time_expire: Math.floor(order.expiresAt.getTime() / 1000) } : {}),
    },
    order_client: orderClient(settings, payer.clientIp),
    nonce_str: nonce,
    trade_type: TradeType.OFFICIAL_ACCOUNT,
  };
}

export function buildQueryOrder(settings: MerchantSettings, orderNo: string, nonce: string): QueryOrderRequest {
  assertOrderNo('out_trade_no', orderNo, settings.orderPrefix);
  return {
    pay_mch_key: payMchKey(settings),
    order_client: orderClient(settings),
    out_trade_no: orderNo,
    trade_type: TradeType.OFFICIAL_ACCOUNT,
    nonce_str: nonce,
  };
}

export function buildCloseOrder(settings: MerchantSettings, orderNo: string, nonce: string): CloseOrderRequest {
  return buildQueryOrder(settings, orderNo, nonce);
}

export function buildRefund(settings: MerchantSettings, request: RefundRequest, nonce: string): RefundRequestContent {
  assertOrderNo('out_trade_no', request.orderNo, settings.orderPrefix);
  assertOrderNo('out_refund_no', request.refundNo, settings.orderPrefix);
  return {
    pay_mch_key: { ...payMchKey(settings), is_sub_admin: REFUND_BY_SUB_ADMIN },
    refund_content: {
      out_trade_no: request.orderNo,
      out_refund_no: request.refundNo,
      total_fee: request.orderAmount,
      refund_fee: request.refundAmount,
      refund_fee_type: 'CNY',
      ...(request.reason ? { refund_reason: truncateChars(request.reason, REFUND_REASON_MAX_CHARS) } : {}),
    },
    order_client: orderClient(settings),
    nonce_str: nonce,
  };
}

export function buildQueryRefundOrder(
  settings: MerchantSettings,
  orderNo: string,
  refundNo: string,
  nonce: string,
): QueryRefundOrderRequest {
  assertOrderNo('out_trade_no', orderNo, settings.orderPrefix);
  assertOrderNo('out_refund_no', refundNo, settings.orderPrefix);
  return {
    pay_mch_key: payMchKey(settings),
    order_client: orderClient(settings),
    out_trade_no: orderNo,
    out_refund_no: refundNo,
    nonce_str: nonce,
  };
}
