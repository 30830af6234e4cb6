import { LocalDatabase } from '../../../sandbox/cloud/database';
import { MerchantRepository } from '../../../server/merchant/repository';
import { PAYMENT_EVENTS } from '../../../server/orders/events';
import type { Order } from '../../../server/orders/model';

describe("the merchant's history of an order", () => {
  let db: LocalDatabase;
  beforeEach(() => (db = new LocalDatabase()));
  afterEach(() => db.close());

  const order = (fields: Partial<Order>) => ({ _id: 'o1', orderNo: 'N2', previousOrderNos: ['N1'], provider: 'caibao', amount: 500, ...fields }) as unknown as Order;
  const event = (at: number, kind: string, orderNo: string, outcome: string) => db.collection(PAYMENT_EVENTS).add({ data: { at, kind, provider: 'caibao', orderNo, orderId: 'o1', outcome } });
  const lines = (history: Array<Record<string, unknown>>) => history.map((e) => `${String(e.at)} ${String(e.kind)}:${String(e.outcome)} ${String(e.orderNo)}`);

  it('shows the create calls recorded on the order as create: ok events, in time order with the rest', async () => {
    await event(10, 'create', 'N1', 'unknown');
    await event(30, 'notification', 'N2', 'applied');
    const history = await new MerchantRepository(db).historyOf(order({ providerCreates: [{ orderNo: 'N2', at: 20 }] }));
    expect(lines(history)).toEqual(['10 create:unknown N1', '20 create:ok N2', '30 notification:applied N2']);
    expect(history[1]).toEqual({ at: 20, kind: 'create', provider: 'caibao', orderNo: 'N2', orderId: 'o1', outcome: 'ok', amount: 500 });
  });

  it('shows an older order’s create from payment_events, and a create recorded in both places once', async () => {
    await event(10, 'create', 'N1', 'ok');
    await event(20, 'create', 'N2', 'ok');
    const history = await new MerchantRepository(db).historyOf(order({ providerCreates: [{ orderNo: 'N2', at: 21 }] }));
    expect(lines(history)).toEqual(['10 create:ok N1', '20 create:ok N2']);
  });
});
