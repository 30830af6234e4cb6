/**
 * Map the provider's states to ours. Pure and exhaustive over the documented values; only an
 * explicit "paid" (current_trade_state 3) is PAID, anything undocumented is UNKNOWN (query again).
 */
import { toFen } from '../../platform/money';
import type { ProviderOrderState, ProviderStatus, RefundResult, RefundStatus, RequestPaymentParams } from '../contract';
import {
  WxpayOrderState,
  WxpayRefundOrderState,
  type OrderContent,
  type RefundOrderContent,
  type WxpayOrderStateValue,
  type WxpayRefundOrderStateValue,
} from './types';
import type * as v from 'valibot';
import type { GetBrandWcpaySchema, PayMchKeySchema } from './types';

const TRADE_STATES: Record<WxpayOrderStateValue, ProviderStatus> = {
  [WxpayOrderState.INITIAL]: 'PENDING',
  // A micropay (刷卡) success: not a state an official-account order can be in; never guess "paid".
  [WxpayOrderState.MICROPAY_SUCCESS]: 'UNKNOWN',
  [WxpayOrderState.PAID]: 'PAID',
  // "已转入退款": a refund exists for the order; query_refund_order tells how far it got.
  [WxpayOrderState.TURNED_TO_REFUND]: 'REFUNDING',
  [WxpayOrderState.MICROPAY_STOPPED]: 'FAILED',
  [WxpayOrderState.WAITING_FOR_PAYMENT]: 'PENDING',
  [WxpayOrderState.CLOSED]: 'CLOSED',
  [WxpayOrderState.REVERSED]: 'CLOSED',
  [WxpayOrderState.PAYING]: 'PENDING',
  [WxpayOrderState.PAY_ERROR]: 'FAILED',
  // "作废": known to cloud pay, unknown to WeChat: nobody can pay it.
  [WxpayOrderState.VOID]: 'CLOSED',
  // "订单受理中": no result yet; neither paid nor payable-and-closable on a guess: query again.
  [WxpayOrderState.BEING_ACCEPTED]: 'UNKNOWN',
  // Deposit (押金) states: not an official-account order's; never read as paid or closed.
  [WxpayOrderState.DEPOSIT_UNFROZEN]: 'UNKNOWN',
  [WxpayOrderState.DEPOSIT_CONSUMED]: 'UNKNOWN',
};

export function mapTradeState(state: number): ProviderStatus {
  return (TRADE_STATES as Record<number, ProviderStatus | undefined>)[state] ?? 'UNKNOWN';
}

const REFUND_STATES: Record<WxpayRefundOrderStateValue, RefundStatus> = {
  [WxpayRefundOrderState.INITIAL]: 'PENDING',
  [WxpayRefundOrderState.SUCCEEDED]: 'SUCCEEDED',
  [WxpayRefundOrderState.FAILED]: 'FAILED',
  [WxpayRefundOrderState.PROCESSING]: 'PENDING',
  // The card refused the money; it is back with the merchant: the refund did not reach the shopper
  // and a person must pay it out (see MANUAL_PAYOUT_MESSAGE).
  [WxpayRefundOrderState.RETURNED_TO_MERCHANT]: 'FAILED',
  // "作废": cloud pay has it, WeChat does not: no money moved.
  [WxpayRefundOrderState.VOID]: 'FAILED',
};

/** State 5 (转入代发), for the merchant: what happened and what to do. */
export const MANUAL_PAYOUT_MESSAGE =
  "refund state 5: the shopper's bank card refused the refund (void or frozen card); the money is back in the sub-merchant's cash account and must be paid to the shopper by hand (offline or by Tenpay transfer)";

/** Undocumented refund states stay PENDING: a query resolves them. */
export function mapRefundState(state: number): RefundStatus {
  return (REFUND_STATES as Record<number, RefundStatus | undefined>)[state] ?? 'PENDING';
}

/** get_brand_wcpay → wx.requestPayment's five fields, unchanged (never re-signed). */
export function toRequestPaymentParams(args: v.InferOutput<typeof GetBrandWcpaySchema>): RequestPaymentParams {
  return {
    timeStamp: args.timestamp,
    nonceStr: args.nonce_str,
    package: args.package,
    signType: args.sign_type,
    paySign: args.pay_sign,
  };
}

export function toProviderOrderState(
  order: OrderContent,
  payMchKey: v.InferOutput<typeof PayMchKeySchema>,
): ProviderOrderState {
  const rawState = order.wxpay_order_content_ext?.current_trade_state;
  const status = rawState === undefined ? 'UNKNOWN' : mapTradeState(rawState);
  return {
    orderNo: order.out_trade_no,
    status,
    rawStatus: rawState === undefined ? 'missing' : String(rawState),
    ...(order.total_fee !== undefined ? { amount: toFen(order.total_fee) } : {}),
    // 公共数据结构.md: fee_type String(3), optional, "目前只支持人民币" (CNY): another one is passed on, and refused as a mismatch.
    ...(order.fee_type !== undefined ? { currency: order.fee_type } : {}),
    merchantId: payMchKey.out_sub_mch_id,
    ...(order.transaction_id ? { providerOrderId: order.transaction_id } : {}),
    ...(status === 'PAID' && order.time_end ? { paidAt: new Date(order.time_end * 1000) } : {}),
  };
}

export function toRefundResult(content: RefundOrderContent): RefundResult {
  const state = content.wxpay_refund_order_content_ext.state;
  return {
    refundNo: content.out_refund_no,
    status: mapRefundState(state),
    rawStatus: String(state),
    refundAmount: toFen(content.refund_fee),
    ...(content.refund_fee_type !== undefined ? { currency: content.refund_fee_type } : {}),
    ...(content.refund_id ? { providerRefundId: content.refund_id } : {}),
    ...(state === WxpayRefundOrderState.RETURNED_TO_MERCHANT ? { manualActionRequired: MANUAL_PAYOUT_MESSAGE } : {}),
  };
}
