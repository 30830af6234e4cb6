/**
 * The tabs of 我的订单 (api ORDER_TABS, by shopper status) as database matches on stored statuses.
 * EXPIRED is not stored: an unpaid order is EXPIRED from `expiresAt` on, and a CLOSED one that was
 * closed at or after it; so an unpaid status splits by `expiresAt`, and CLOSED must go with EXPIRED
 * (a tab cannot tell them apart without comparing two fields of one order).
 */
import { ORDER_STATUSES, ORDER_TABS, UNPAID, type OrderTab, type ShopperStatus } from '../../api/statuses';
import type { OrderMatch } from '../orders/repository';

export function tabMatch(tab: OrderTab, now: number): OrderMatch[] | undefined {
  const shown: readonly ShopperStatus[] | undefined = ORDER_TABS[tab];
  if (!shown) return undefined;
  const expired = shown.includes('EXPIRED');
  if (shown.includes('CLOSED') !== expired) throw new Error(`tab ${tab}: CLOSED and EXPIRED must be shown together`);
  const anyTime = ORDER_STATUSES.filter((status) => !UNPAID.includes(status) && (shown.includes(status) || (status === 'CLOSED' && expired)));
  const payable = UNPAID.filter((status) => shown.includes(status));
  const match: OrderMatch[] = [];
  if (anyTime.length > 0) match.push({ statuses: anyTime });
  if (payable.length > 0) match.push({ statuses: payable, expiresAfter: now });
  if (expired) match.push({ statuses: UNPAID, expiredBy: now });
  return match;
}
