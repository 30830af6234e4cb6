/** What the merchant console shows of an order: more than a shopper sees, never pay params or secrets. */
import type { Order } from '../orders/model';
import { methodOf } from '../orders/model';

export interface MerchantOrderView {
  orderNo: string;
  previousOrderNos: string[];
  status: Order['status'];
  provider: Order['provider'];
  method: string;
  amount: number;
  refundedAmount: number;
  description: string;
  lines: Order['lines'];
  /** The shopper, shortened: enough to tell two apart, not to address one. */
  buyer: string;
  createdAt: number;
  updatedAt: number;
  paidAt?: number;
  closedAt?: number;
  failure?: Order['failure'];
  refunds: Array<{ refundNo: string; amount: number; status: string; reason?: string; requestedAt: number; settledAt?: number }>;
}

export function merchantView(order: Order): MerchantOrderView {
  const method = methodOf(order);
  return {
    orderNo: order.orderNo,
    previousOrderNos: order.previousOrderNos ?? [],
    status: order.status,
    provider: order.provider,
    method: method.kind === 'qr' ? `qr:${method.channel}` : 'jsapi',
    amount: order.amount,
    refundedAmount: order.refundedAmount,
    description: order.description,
    lines: order.lines,
    buyer: `…${order.openid.slice(-6)}`,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    ...(order.paidAt !== undefined ? { paidAt: order.paidAt } : {}),
    ...(order.closedAt !== undefined ? { closedAt: order.closedAt } : {}),
    ...(order.failure ? { failure: order.failure } : {}),
    refunds: order.refunds.map(({ refundNo, amount, status, reason, requestedAt, settledAt }) => ({
      refundNo,
      amount,
      status,
      ...(reason ? { reason } : {}),
      requestedAt,
      ...(settledAt !== undefined ? { settledAt } : {}),
    })),
  };
}
