import { inTab, ORDER_STATUSES, ORDER_TAB_KEYS, shopperStatus, type OrderStatus } from '../../../api';
import type { OrderMatch } from '../../../server/orders/repository';
import { tabMatch } from '../../../server/shopper/tabs';

/** What the database does with a match, for one order. */
function matches(match: readonly OrderMatch[] | undefined, order: { status: OrderStatus; expiresAt: number }): boolean {
  if (!match) return true;
  return match.some(
    (m) =>
      m.statuses.includes(order.status) &&
      (m.expiresAfter === undefined || order.expiresAt > m.expiresAfter) &&
      (m.expiredBy === undefined || order.expiresAt <= m.expiredBy),
  );
}

describe('我的订单 tabs as database matches', () => {
  const now = 1_000_000;
  const orders = ORDER_STATUSES.flatMap((status) =>
    [now - 1, now, now + 1].flatMap((expiresAt) => [undefined, expiresAt - 1, expiresAt].map((closedAt) => ({ status, expiresAt, ...(closedAt !== undefined ? { closedAt } : {}) }))),
  );

  it.each(ORDER_TAB_KEYS)('tab %s matches exactly the orders whose shopper status it shows', (tab) => {
    for (const order of orders) {
      expect({ order, listed: matches(tabMatch(tab, now), order) }).toEqual({ order, listed: inTab(tab, shopperStatus(order, now)) });
    }
  });
});
