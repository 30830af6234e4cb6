import * as v from 'valibot';
import { inTab, isFinal, isPayable, ORDER_TAB_KEYS, ordersRequest, payRequest, SHOPPER_STATUSES, shopperStatus } from '../../../api';
import { ERROR_CODES as SERVER_CODES } from '../../../server/platform/errors';
import { ERROR_CODES } from '../../../api';

describe('the shared API', () => {
  it('shows an unpaid order as EXPIRED from the moment its time is up', () => {
    const order = { status: 'CREATED' as const, expiresAt: 1000 };
    expect(shopperStatus(order, 999)).toBe('CREATED');
    expect(shopperStatus(order, 1000)).toBe('EXPIRED');
    expect(shopperStatus({ ...order, status: 'PAYING' }, 5000)).toBe('EXPIRED');
    // A payment that is being confirmed is not hidden behind "expired".
    expect(shopperStatus({ ...order, status: 'UNKNOWN' }, 5000)).toBe('UNKNOWN');
    expect(shopperStatus({ ...order, status: 'PAID' }, 5000)).toBe('PAID');
  });

  it('tells a shopper’s cancel (before expiry) from reconcile closing an expired order', () => {
    expect(shopperStatus({ status: 'CLOSED', expiresAt: 1000, closedAt: 400 }, 5000)).toBe('CLOSED');
    expect(shopperStatus({ status: 'CLOSED', expiresAt: 1000, closedAt: 1200 }, 5000)).toBe('EXPIRED');
  });

  it('says which statuses can be paid and which are final', () => {
    expect(SHOPPER_STATUSES.filter(isPayable)).toEqual(['CREATED', 'PAYING']);
    expect(SHOPPER_STATUSES.filter((s) => !isFinal(s))).toEqual(['CREATED', 'PAYING', 'UNKNOWN']);
  });

  it('puts every status in exactly one tab besides 全部', () => {
    for (const status of SHOPPER_STATUSES) {
      expect(ORDER_TAB_KEYS.filter((tab) => tab !== 'all' && inTab(tab, status))).toHaveLength(1);
      expect(inTab('all', status)).toBe(true);
    }
  });

  it('is what the server re-exports (one list, not a copy)', () => {
    expect(SERVER_CODES).toBe(ERROR_CODES);
  });

  it('parses the actions the client sends and names what is wrong', () => {
    expect(v.parse(payRequest, { action: 'pay', orderNo: 'AB12' })).toEqual({ action: 'pay', orderNo: 'AB12' });
    expect(v.parse(ordersRequest, { action: 'list', tab: 'unpaid' })).toEqual({ action: 'list', offset: 0, limit: 20, tab: 'unpaid' });
    expect(v.parse(ordersRequest, { action: 'pending' })).toEqual({ action: 'pending' });
    const bad = v.safeParse(payRequest, { action: 'nope' });
    expect(bad.success).toBe(false);
    expect(bad.issues?.[0]?.message).toBe("must be 'create', 'createQr', 'pay', 'capabilities', 'status' or 'quote'");
    const items = [{ skuId: 'green-tea', quantity: 2 }];
    expect(v.parse(payRequest, { action: 'quote', items, requestId: 'ignored-here' })).toEqual({ action: 'quote', items });
    const empty = v.safeParse(payRequest, { action: 'quote', items: [] });
    expect(empty.issues?.[0]).toMatchObject({ path: [{ key: 'items' }], message: 'at least one item' });
    expect(v.safeParse(ordersRequest, { action: 'list', tab: 'x' }).success).toBe(false);
  });
});
