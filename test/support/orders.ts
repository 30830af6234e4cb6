/**
 * A stored order for unit tests of the order core: an unpaid PAYING order without pay params,
 * `_id` o1 and number N1, 500 fen, unless `overrides` say otherwise.
 */
import type { Order } from '../../server/orders/model';
import type { Fen } from '../../server/platform/money';

export function storedOrder(overrides: Partial<Order> = {}): Order {
  return {
    _id: 'o1',
    orderNo: 'N1',
    previousOrderNos: [],
    openid: 'o',
    appId: 'wx',
    requestId: `r-${overrides._id ?? 'o1'}`,
    provider: 'quickpay',
    lines: [],
    amount: 500 as Fen,
    description: 'd',
    status: 'PAYING',
    attemptId: 'a',
    payment: null,
    createdAt: 1,
    updatedAt: 1,
    expiresAt: Date.now() + 60_000,
    refundedAmount: 0 as Fen,
    refunds: [],
    ...overrides,
  };
}
