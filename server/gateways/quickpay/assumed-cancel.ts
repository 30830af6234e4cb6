/**
 * ASSUMED: the cancel call. QuickPay's docs mention a 取消支付接口 (cancel payment) but its route
 * and body were not found. We assume `POST QuickPay/Cancel` with the Query body
 * `{store_no, order_no}`, answered with the usual `{code, msg, data}` envelope. When the real
 * call is known, this file is the one to change.
 */
import type { QuickpayConfig } from './config';
import { buildOrderRequest } from './build';
import type { QueryRequest } from './types';

export const ASSUMED_CANCEL_ENDPOINT = 'QuickPay/Cancel';

export function buildCancelRequest(orderNo: string, config: Pick<QuickpayConfig, 'storeNo'>): QueryRequest {
  return buildOrderRequest(orderNo, config);
}
