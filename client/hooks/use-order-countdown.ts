import { isPayable, shopperStatus } from '../../api';
import type { Order, OrderStatus } from '../services/types';
import { useNow } from './use-now';

/**
 * The order's status as of now: an unpaid order turns 已过期 the second its time is up, even before
 * the server is asked again. `left` is the time to pay (ms) while payable.
 */
export function useOrderCountdown(order: Order | undefined): { status: OrderStatus | undefined; left: number } {
  const ticking = order !== undefined && isPayable(order.status);
  const now = useNow(ticking);
  if (!order) return { status: undefined, left: 0 };
  return { status: shopperStatus(order, now), left: Math.max(0, order.expiresAt - now) };
}
