/**
 * The function scenarios, run once per provider (one test file per provider calls
 * `describeProvider`): the whole payment flow through the local cloud against that provider's
 * sandbox over real HTTP.
 */
import type { RequestPaymentParams } from '../../../server/gateways/contract';
import { ADMIN_TOKEN, newRequestId, startHarness, type Envelope, type Harness } from './harness';

export function describeProvider(provider: 'quickpay' | 'caibao' | 'tencent'): void {
  describe(`functions on the local cloud with ${provider}`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(provider);
    });
    afterAll(async () => {
      await h?.close();
    });
    afterEach(async () => {
      h.proxy.holdAnswer(undefined);
      for (const sandbox of Object.values(h.sandboxes.providers)) {
        sandbox?.faults.clear();
        sandbox?.notifier.clearFaults();
      }
      await idle();
    });

    const idle = async () => {
      for (const sandbox of Object.values(h.sandboxes.providers)) await sandbox?.notifier.idle();
    };
    const notifier = () => {
      const sandbox = Object.values(h.sandboxes.providers)[0];
      if (!sandbox) throw new Error('no sandbox');
      return sandbox;
    };
    const ok = (answer: Envelope) => {
      if (!answer.ok) throw new Error(`expected ok, got ${JSON.stringify(answer.error)}`);
      return answer.data;
    };
    const create = (items: unknown = [{ skuId: 'green-tea', quantity: 2 }], requestId = newRequestId(), openid?: string) =>
      h.call('pay', { action: 'create', items, requestId }, openid);
    const status = (orderNo: string, openid?: string) => h.call('pay', { action: 'status', orderNo }, openid);
    const payAtCashier = async (payment: RequestPaymentParams) => {
      const result = await h.sandboxes.cashier.pay(payment);
      await idle();
      return result;
    };

    describe('catalog', () => {
      it('lists the products with integer fen prices', async () => {
        const { products } = ok(await h.call('catalog', {}));
        expect(products.map((p: { skuId: string }) => p.skuId)).toEqual(['green-tea', 'oolong', 'teapot', 'tea-cups', 'sample']);
        expect(products[0]).toEqual({ skuId: 'green-tea', name: 'Green tea', unitPrice: 1200, available: true, maxPerOrder: 10, description: 'Longjing, 50 g' });
      });
    });

    describe('paying', () => {
      it('creates an order priced on the server, pays at the cashier, and the notification makes it PAID', async () => {
        const created = ok(await create([{ skuId: 'green-tea', quantity: 2 }, { skuId: 'oolong', quantity: 1 }]));
        expect(created.amount).toBe(2 * 1200 + 2350);
        expect(created.status).toBe('PAYING');
        expect(Object.keys(created.payment).sort()).toEqual(['nonceStr', 'package', 'paySign', 'signType', 'timeStamp']);
        expect(created.payment.package).toMatch(/^prepay_id=/);
        expect(created.orderNo.length).toBeLessThanOrEqual(32);

        expect(ok(await status(created.orderNo)).status).toBe('PAYING');
        expect(await payAtCashier(created.payment)).toEqual({ errMsg: 'requestPayment:ok' });

        const order = await h.order(created.orderNo);
        expect(order.status).toBe('PAID');
        expect(order.paidAt).toEqual(expect.any(Number));
        expect(ok(await status(created.orderNo)).status).toBe('PAID');
        const events = await h.events(created.orderNo);
        expect(events.map((e) => `${e.kind}:${e.outcome}`)).toEqual(expect.arrayContaining(['create:ok', 'notification:applied']));

        const listed = ok(await h.call('orders', { action: 'list' }));
        expect(listed.orders.find((o: { orderNo: string }) => o.orderNo === created.orderNo)).toMatchObject({ status: 'PAID', amount: 4750 });
      });
    });
  });
}
