/** Refund numbers as the provider sees them. */
import { AppError } from '../platform/errors';
import type { OrderContext } from './context';
import { ORDER_NO_MAX_LENGTH } from './order-no';

/**
 * The refund number the provider sees: the merchant's, under the provider's required prefix
 * (Tencent Cloud Pay's cloud_cashier_id applies to refund numbers too).
 */
export function providerRefundNo(ctx: Pick<OrderContext, 'gateway'>, refundNo: string): string {
  const prefix = ctx.gateway.orderNoPrefix;
  const full = refundNo.startsWith(prefix) ? refundNo : `${prefix}${refundNo}`;
  if (full.length > ORDER_NO_MAX_LENGTH) {
    throw new AppError('INVALID_ARGUMENT', `refundNo: at most ${ORDER_NO_MAX_LENGTH - prefix.length} characters with this provider`);
  }
  return full;
}
