import { LocalDatabase } from '../../../sandbox/cloud/database';
import { GatewayError, type PaymentGateway, type ProviderOrderState } from '../../../server/gateways/contract';
import { toFen, type Fen } from '../../../server/platform/money';
import { setLogSink } from '../../../server/platform/log';
import { createOrderContext } from '../../../server/orders/context';
import { ORDERS, type Order } from '../../../server/orders/model';
import { reconcile } from '../../../server/orders/reconcile';
import { storedOrder } from '../../support/orders';

/** The provider cannot answer for STUCK (its query always fails); every other order is open and closes fine. */
const gateway = new Proxy({ name: 'tencent', orderNoPrefix: '' } as PaymentGateway, {
  get: (target, key) => {
    if (key === 'query') {
      return async (orderNo: string): Promise<ProviderOrderState> => {
        if (orderNo === 'STUCK') throw new GatewayError('tencent', 'PROVIDER_UNAVAILABLE', 'no answer', 'unknown');
        return { orderNo, status: 'PENDING', rawStatus: 'NOTPAY', amount: toFen(100) };
      };
    }
    if (key === 'close') return async () => {};
    return key in target ? target[key as keyof PaymentGateway] : () => Promise.reject(new Error(`unexpected call ${String(key)}`));
  },
});

function expiredOrder(id: string, orderNo: string, expiresAt: number): Order {
  return storedOrder({
    _id: id,
    orderNo,
    provider: 'tencent',
    amount: 100 as Fen,
    payment: { params: { timeStamp: '1', nonceStr: 'n', package: 'prepay_id=p', signType: 'MD5', paySign: 's' } },
    expiresAt,
  });
}

describe('reconcile', () => {
  let db: LocalDatabase;
  beforeEach(() => {
    db = new LocalDatabase();
    setLogSink(() => {});
  });
  afterEach(() => db.close());

  it('does not let an expired order it cannot close keep the others from being closed', async () => {
    const now = Date.now();
    await db.collection(ORDERS).add({ data: { ...expiredOrder('stuck', 'STUCK', now - 60_000) } });
    await db.collection(ORDERS).add({ data: { ...expiredOrder('open', 'OPEN1', now - 1_000) } });
    const ctx = createOrderContext(db, gateway, { shopName: 'S', orderExpiryMs: 60_000, createWaitMs: 0, createLeaseMs: 60_000, statusQueryIntervalMs: 3_000 });
    for (let run = 0; run < 3; run++) await reconcile(ctx, { staleAfterMs: 60 * 60_000, batchSize: 1 });
    const status = async (id: string) => ((await db.collection(ORDERS).doc(id).get()).data as unknown as Order).status;
    expect(await status('open')).toBe('CLOSED');
    expect(await status('stuck')).toBe('PAYING');
  });

  it('does not leave PAYING for good an order whose create call died before any answer (the provider never saw the number)', async () => {
    const now = Date.now();
    // QuickPay-like: a number it never saw is refused, not "not found".
    const refusing = {
      name: 'quickpay',
      orderNoPrefix: '',
      query: () => Promise.reject(new GatewayError('quickpay', 'PROVIDER_REJECTED', 'order does not exist', 'rejected', { retryable: false })),
      close: () => Promise.reject(new GatewayError('quickpay', 'PROVIDER_REJECTED', 'order does not exist', 'rejected', { retryable: false })),
    } as unknown as PaymentGateway;
    const claimed = (id: string, orderNo: string, expiresAt: number): Order => ({ ...expiredOrder(id, orderNo, expiresAt), payment: null, updatedAt: now - 10 * 60_000 });
    await db.collection(ORDERS).add({ data: { ...claimed('stale', 'DIED1', now + 60_000) } });
    await db.collection(ORDERS).add({ data: { ...claimed('expired', 'DIED2', now - 1_000) } });
    const ctx = createOrderContext(db, refusing, { shopName: 'S', orderExpiryMs: 60_000, createWaitMs: 0, createLeaseMs: 60_000, statusQueryIntervalMs: 3_000, callDeadlineMs: 1_000 });
    const summary = await reconcile(ctx, { staleAfterMs: 60_000, batchSize: 10 });
    expect(summary.errors).toBe(0);
    const stored = async (id: string) => (await db.collection(ORDERS).doc(id).get()).data as unknown as Order;
    // Ready for the shopper's retry under a new number; the dead call's number stays open until proven absent.
    expect(await stored('stale')).toMatchObject({ status: 'CREATED', previousOrderNos: ['DIED1'], retiredOrderNos: [expect.objectContaining({ orderNo: 'DIED1', open: true })] });
    expect(await stored('expired')).toMatchObject({ status: 'CLOSED' });
  });
});
