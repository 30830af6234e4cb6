import { LocalDatabase } from '../../../sandbox/cloud/database';
import type { PaymentGateway, ProviderOrderState } from '../../../server/gateways/contract';
import { toFen } from '../../../server/platform/money';
import { setLogSink } from '../../../server/platform/log';
import { createOrderContext, type OrderContext } from '../../../server/orders/context';
import { ORDERS, type Order } from '../../../server/orders/model';
import { refreshOrder } from '../../../server/orders/status';
import { storedOrder } from '../../support/orders';

const pending: Order = storedOrder({
  requestId: 'r',
  payment: { params: { timeStamp: '1', nonceStr: 'n', package: 'prepay_id=p', signType: 'MD5', paySign: 'S' } },
});

describe('refreshOrder', () => {
  let db: LocalDatabase;
  let ctx: OrderContext;
  let queries = 0;
  let now = 1_000_000;
  const state: ProviderOrderState = { orderNo: 'N1', status: 'PENDING', rawStatus: 'PAYING', amount: toFen(500) };
  const gateway = {
    name: 'quickpay',
    orderNoPrefix: '',
    query: () => {
      queries += 1;
      return Promise.resolve(state);
    },
  } as unknown as PaymentGateway;

  beforeEach(async () => {
    queries = 0;
    db = new LocalDatabase();
    const settings = { shopName: 'S', orderExpiryMs: 60_000, createWaitMs: 0, createLeaseMs: 60_000, statusQueryIntervalMs: 3_000 };
    ctx = createOrderContext(db, gateway, settings, () => now);
    setLogSink(() => undefined);
    await db.collection(ORDERS).add({ data: { ...pending } });
  });
  afterEach(() => db.close());

  it("asks the provider at most once per interval for a shopper's polls, concurrent ones included", async () => {
    await Promise.all(Array.from({ length: 5 }, () => refreshOrder(ctx, pending, { throttled: true })));
    await refreshOrder(ctx, pending, { throttled: true });
    expect(queries).toBe(1);
    now += 3_000;
    await refreshOrder(ctx, pending, { throttled: true });
    expect(queries).toBe(2);
  });

  it('leaves the order untouched for the create lease and reconcile (updatedAt unchanged)', async () => {
    await refreshOrder(ctx, pending, { throttled: true });
    const stored = (await db.collection(ORDERS).doc('o1').get()).data as unknown as Order;
    expect(stored.updatedAt).toBe(1);
    expect(stored.lastStatusQueryAt).toBe(now);
  });

  it('asks every time when not throttled (reconcile)', async () => {
    await refreshOrder(ctx, pending);
    await refreshOrder(ctx, pending);
    expect(queries).toBe(2);
  });
});
