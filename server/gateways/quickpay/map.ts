/**
 * Stage `map`: from the provider's answers to our types: status mapping, `cloudpay_param`, order
 * state, refund result. Pure functions. A `data` that does not have what an operation needs, or
 * that is about another order or store, is an unknown outcome (the call was accepted, but we cannot
 * tell what it did), never a crash: the pipeline classifies it (../pipeline/failures.ts).
 */
import type { ProviderOrderState, ProviderStatus, RefundResult, RefundStatus, RequestPaymentParams } from '../contract';
import { toFen, type Fen } from '../../platform/money';
import { check, describeIssues } from '../../platform/validation';
import { mismatch, unreadable } from '../pipeline';
import { TRANSACTION_TIME_ZONE_OFFSET_HOURS } from './assumptions';
import { cloudpayParamSchema, type CloudpayParam, type PayResultInfo } from './types';

/**
 * transaction_status → our status. Only SUCCESSED is PAID. REFUNDFAILED speaks of a refund, not of
 * the payment, so it tells us nothing about the order: UNKNOWN (query / refund result decide).
 * No "closed" value is documented; values we do not know are UNKNOWN.
 */
const STATUS_MAP: Readonly<Record<string, ProviderStatus>> = {
  CREATE: 'PENDING',
  PAYING: 'PENDING',
  SUCCESSED: 'PAID',
  FAILED: 'FAILED',
  UNKNOWN: 'UNKNOWN',
  REFUNDED: 'REFUNDED',
  REFUNDFAILED: 'UNKNOWN',
};

export function mapTransactionStatus(raw: string): ProviderStatus {
  return Object.prototype.hasOwnProperty.call(STATUS_MAP, raw) ? (STATUS_MAP[raw] ?? 'UNKNOWN') : 'UNKNOWN';
}

/** A refund's transaction_status → refund result: only REFUNDED succeeded, only REFUNDFAILED failed. */
export function mapRefundStatus(raw: string): RefundStatus {
  if (raw === 'REFUNDED') return 'SUCCEEDED';
  if (raw === 'REFUNDFAILED' || raw === 'FAILED') return 'FAILED';
  return 'PENDING';
}

/** `cloudpay_param` is a JSON string; its fields go to wx.requestPayment exactly as received. */
export function parseCloudpayParam(text: string | null | undefined): CloudpayParam {
  if (!text) throw unreadable('accepted without cloudpay_param');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw unreadable('cloudpay_param is not JSON');
  }
  const parsed = check(cloudpayParamSchema, json);
  if (!parsed.success) throw unreadable(`cloudpay_param ${describeIssues(parsed.issues)}`);
  return parsed.output;
}

/** The five fields wx.requestPayment takes (appId is not one of them). */
export function toRequestPaymentParams(param: CloudpayParam): RequestPaymentParams {
  return { timeStamp: param.timeStamp, nonceStr: param.nonceStr, package: param.package, signType: param.signType, paySign: param.paySign };
}

/** transaction_time: format undocumented, read as assumptions.ts says (TRANSACTION TIME). */
export function parseTransactionTime(text: string | null | undefined): Date | undefined {
  if (!text) return undefined;
  const local = /^(\d{4})-?(\d{2})-?(\d{2})[ T]?(\d{2}):?(\d{2}):?(\d{2})$/.exec(text.trim());
  if (local) {
    const [, y, mo, d, h, mi, s] = local.map(Number) as [number, number, number, number, number, number, number];
    return new Date(Date.UTC(y, mo - 1, d, h - TRANSACTION_TIME_ZONE_OFFSET_HOURS, mi, s));
  }
  if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(text.trim())) {
    const date = new Date(text);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  return undefined;
}

function amountOf(value: number | null | undefined): Fen | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? toFen(value) : undefined;
}

/** PayResultInfo → our order state; it must be about the order we asked for, in our store. */
export function toOrderState(info: PayResultInfo, expectedOrderNo: string, storeNo: string): ProviderOrderState {
  if (info.order_no !== expectedOrderNo) {
    throw mismatch(`answer is for order ${JSON.stringify(info.order_no ?? null)}, not ${JSON.stringify(expectedOrderNo)}`);
  }
  if (info.store_no && info.store_no !== storeNo) throw mismatch('answer is for another store');
  const status = mapTransactionStatus(info.transaction_status);
  const state: ProviderOrderState = { orderNo: expectedOrderNo, status, rawStatus: info.transaction_status };
  const amount = amountOf(info.total_amount);
  if (amount !== undefined) state.amount = amount;
  if (info.store_no) state.merchantId = info.store_no;
  if (info.transaction_no) state.providerOrderId = info.transaction_no;
  const paidAt = status === 'PAID' ? parseTransactionTime(info.transaction_time) : undefined;
  if (paidAt) state.paidAt = paidAt;
  return state;
}

export function toRefundResult(info: PayResultInfo, refundNo: string, refundAmount: Fen): RefundResult {
  const result: RefundResult = { refundNo, status: mapRefundStatus(info.transaction_status), rawStatus: info.transaction_status, refundAmount };
  if (info.transaction_no) result.providerRefundId = info.transaction_no;
  return result;
}
