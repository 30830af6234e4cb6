/**
 * The function scenarios, run once per provider (one test file per provider calls
 * `describeProvider`): the whole payment flow through the local cloud against that provider's
 * sandbox over real HTTP.
 */
import type { ProviderName, RequestPaymentParams } from '../../../server/gateways/contract';
import { registeredProviders } from '../../../server/gateways/registry';
import { ADAPTER_TIMEOUT_MS, ADMIN_TOKEN, ORDER_EXPIRY_MINUTES, newRequestId, startHarness, type Envelope, type Harness } from './harness';

/** Scenarios only one provider has are passed in by its test file; they get the running harness. */
export type ProviderScenarios = (harness: () => Harness) => void;

export function describeProvider(provider: ProviderName, own?: ProviderScenarios): void {
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
        expect(products[0]).toEqual({ skuId: 'green-tea', name: '西湖龙井', unitPrice: 1200, available: true, maxPerOrder: 10, description: '明前特级 50g' });
      });
    });

    describe('the description sent to the provider', () => {
      // Limits: Caibao's subject 19 characters, Tencent's body 128 UTF-8 bytes; QuickPay documents none.
      const LIMITS: Partial<Record<string, { chars?: number; bytes?: number }>> = { caibao: { chars: 19 }, tencent: { bytes: 128 } };
      it('carries the Chinese product names, within the provider limit and never cut inside a character', async () => {
        const every = ['green-tea', 'oolong', 'teapot', 'sample'].map((skuId) => ({ skuId, quantity: 1 }));
        const created = ok(await create(every));
        const prepay = h.sandboxes.cashier.find(created.payment.package.replace(/^prepay_id=/, ''));
        const text = prepay?.description ?? '';
        const limit = LIMITS[provider] ?? {};
        expect(text.startsWith('小店 - 西湖龙井')).toBe(true); // the default SHOP_NAME, in Chinese
        expect(text).not.toMatch(/\uFFFD/);
        if (limit.chars) expect(Array.from(text).length).toBeLessThanOrEqual(limit.chars);
        if (limit.bytes) expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(limit.bytes);
        if (!limit.chars && !limit.bytes) expect(text).toBe('小店 - 西湖龙井×1，安溪铁观音×1，宜兴紫砂壶×1，试饮装×1');
        if (limit.bytes) expect(text).toContain('试饮装');
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
        expect(events.map((e) => `${e.kind}:${e.outcome}`)).toEqual(expect.arrayContaining(['notification:applied']));
        expect(await h.creates(created.orderNo)).toEqual([created.orderNo]);

        const listed = ok(await h.call('orders', { action: 'list' }));
        expect(listed.orders.find((o: { orderNo: string }) => o.orderNo === created.orderNo)).toMatchObject({ status: 'PAID', amount: 4750 });
      });
    });

    describe('double taps and retries', () => {
      it('makes concurrent creates with one requestId one order and one provider order, all answered with the same pay params', async () => {
        const before = h.profile.providerOrders(h.sandboxes);
        const requestId = newRequestId();
        const answers = await Promise.all(Array.from({ length: 5 }, () => create([{ skuId: 'oolong', quantity: 1 }], requestId)));
        const data = answers.map(ok);
        expect(new Set(data.map((d) => d.orderNo)).size).toBe(1);
        expect(new Set(data.map((d) => d.payment.paySign)).size).toBe(1);
        expect(h.profile.providerOrders(h.sandboxes) - before).toBe(1);
        expect(await h.creates(data[0].orderNo)).toEqual([data[0].orderNo]);
      });

      it('answers a later retry with the pay params it kept, without a new provider order', async () => {
        const requestId = newRequestId();
        const first = ok(await create(undefined, requestId));
        const before = h.profile.providerOrders(h.sandboxes);
        const again = ok(await create(undefined, requestId));
        expect(again).toEqual(first);
        expect(h.profile.providerOrders(h.sandboxes)).toBe(before);
      });

      it('refuses the same requestId for a different cart, and a paid order is ORDER_PAID on retry', async () => {
        const requestId = newRequestId();
        const first = ok(await create([{ skuId: 'green-tea', quantity: 1 }], requestId));
        expect((await create([{ skuId: 'green-tea', quantity: 3 }], requestId)).error?.code).toBe('CONFLICT');
        await payAtCashier(first.payment);
        expect((await create([{ skuId: 'green-tea', quantity: 1 }], requestId)).error).toMatchObject({ code: 'ORDER_PAID', retryable: false });
      });

      it('goes on with the order a retried checkout made, even if the product became unavailable since', async () => {
        // The database handle of the moment: a restart reopens it.
        const products = () => h.cloud.database().collection('products');
        const requestId = newRequestId();
        const first = ok(await create([{ skuId: 'oolong', quantity: 1 }], requestId));
        await products().doc('oolong').update({ data: { available: false } });
        try {
          expect(ok(await create([{ skuId: 'oolong', quantity: 1 }], requestId))).toEqual(first);
          // A warm pay instance may price from the products it read (CATALOG_CACHE_SECONDS); a new one reads the change.
          await h.cloud.restart();
          expect((await create([{ skuId: 'oolong', quantity: 1 }])).error?.code).toBe('CONFLICT');
          expect(ok(await create([{ skuId: 'oolong', quantity: 1 }], requestId))).toEqual(first);
        } finally {
          await products().doc('oolong').update({ data: { available: true } });
          await h.cloud.restart();
        }
      });

      it('applies a payment notified before the answer to our create call arrived', async () => {
        h.proxy.holdAnswer(async (answerText) => {
          const prepayId = /prepay_id=([A-Za-z0-9]+)/.exec(answerText)?.[1];
          const prepay = prepayId ? h.sandboxes.cashier.find(prepayId) : undefined;
          if (!prepay) throw new Error('no prepay id in the create answer');
          await payAtCashier(prepay.params);
        });
        const requestId = newRequestId();
        const answer = await create([{ skuId: 'sample', quantity: 1 }], requestId);
        expect(answer.error?.code).toBe('ORDER_PAID');
        const { data } = await h.cloud.database().collection('orders').where({ requestId }).get();
        expect(data[0]).toMatchObject({ status: 'PAID' });
        expect(ok(await status(String(data[0]?.orderNo))).status).toBe('PAID');
        // The pay params came too late to keep: the create call is recorded all the same.
        expect(await h.creates(String(data[0]?.orderNo))).toEqual([data[0]?.orderNo]);
      });
    });

    describe('cancelling', () => {
      it('keeps the order open when the shopper closes the cashier, then cancels it here and at the provider', async () => {
        const created = ok(await create());
        expect(await h.sandboxes.cashier.cancel(created.payment)).toEqual({ errMsg: 'requestPayment:fail cancel' });
        expect(ok(await status(created.orderNo)).status).toBe('PAYING');
        const cancelled = ok(await h.call('orders', { action: 'cancel', orderNo: created.orderNo }));
        expect(cancelled.status).toBe('CLOSED');
        const paid = await h.sandboxes.cashier.pay(created.payment);
        expect(paid.errMsg).not.toBe('requestPayment:ok');
        expect((await h.order(created.orderNo)).status).toBe('CLOSED');
        expect(ok(await h.call('orders', { action: 'cancel', orderNo: created.orderNo })).status).toBe('CLOSED');
      });

      it('cancels an order whose create outcome was unknown, and reconcile closes an expired one', async () => {
        const stuck = async () => {
          notifier().faults.set(h.profile.createEndpoint, { kind: 'reset' }, { times: 1 });
          const requestId = newRequestId();
          expect((await create(undefined, requestId)).error?.code).toBe('PROVIDER_UNAVAILABLE');
          const { data } = await h.cloud.database().collection('orders').where({ requestId }).get();
          expect(data[0]?.status).toBe('UNKNOWN');
          return String(data[0]?.orderNo);
        };
        const cancelled = await stuck();
        expect(ok(await h.call('orders', { action: 'cancel', orderNo: cancelled })).status).toBe('CLOSED');
        const expired = await stuck();
        await h.age(expired, (ORDER_EXPIRY_MINUTES + 1) * 60_000);
        ok(await h.callTrusted('reconcile', {}));
        expect((await h.order(expired)).status).toBe('CLOSED');
      });

      it('cannot cancel a paid order', async () => {
        const created = ok(await create());
        await payAtCashier(created.payment);
        expect((await h.call('orders', { action: 'cancel', orderNo: created.orderNo })).error?.code).toBe('ORDER_PAID');
      });
    });

    describe('provider failures on create', () => {
      it.each([
        ['HTTP 5xx', { kind: 'http5xx' as const, status: 502 }],
        ['time-out', { kind: 'timeout' as const }],
        ['connection reset', { kind: 'reset' as const }],
      ])('%s: the order is left UNKNOWN, a retry or reconcile settles it', async (_name, fault) => {
        notifier().faults.set(h.profile.createEndpoint, fault, { times: 1 });
        const requestId = newRequestId();
        const failed = await create([{ skuId: 'green-tea', quantity: 1 }], requestId);
        expect(failed.error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
        const { data } = await h.cloud.database().collection('orders').where({ requestId }).get();
        const stuck = data[0] as unknown as { orderNo: string; status: string; payment: unknown };
        expect(stuck).toMatchObject({ status: 'UNKNOWN', payment: null });

        // The shopper retries: the unknown outcome is resolved first, then paid under a fresh number.
        const retried = ok(await create([{ skuId: 'green-tea', quantity: 1 }], requestId));
        expect(retried.status).toBe('PAYING');
        expect(retried.orderNo).not.toBe(stuck.orderNo);
        await payAtCashier(retried.payment);
        expect((await h.order(retried.orderNo)).status).toBe('PAID');
      });

      it('reconcile settles an order whose create outcome stayed unknown', async () => {
        notifier().faults.set(h.profile.createEndpoint, { kind: 'http5xx', status: 503 }, { times: 1 });
        const requestId = newRequestId();
        expect((await create(undefined, requestId)).error?.code).toBe('PROVIDER_UNAVAILABLE');
        const { data } = await h.cloud.database().collection('orders').where({ requestId }).get();
        const orderNo = String(data[0]?.orderNo);
        await h.age(orderNo, 10 * 60_000);
        const summary = ok(await h.callTrusted('reconcile', {}));
        expect(summary.checked).toBeGreaterThanOrEqual(1);
        // Nothing payable was left at the provider: the order waits for the shopper's retry under a new number.
        const after = await h.order(orderNo);
        expect(after.status).toBe('CREATED');
        expect(after.orderNo).not.toBe(orderNo);
        expect(after.previousOrderNos).toContain(orderNo);
        const retried = ok(await create(undefined, requestId));
        expect(retried.orderNo).toBe(after.orderNo);
      });

      it('a refused create (provider error status) is answered and the order can be retried or has failed for good', async () => {
        notifier().faults.set(h.profile.createEndpoint, { kind: 'status', payload: h.profile.createRefusal }, { times: 1 });
        const requestId = newRequestId();
        const failed = await create(undefined, requestId);
        expect(failed.ok).toBe(false);
        expect(['PROVIDER_REJECTED', 'PROVIDER_UNAVAILABLE']).toContain(failed.error?.code);
        const { data } = await h.cloud.database().collection('orders').where({ requestId }).get();
        const after = data[0] as unknown as { status: string; orderNo: string; payment: unknown };
        expect(['FAILED', 'CREATED']).toContain(after.status);
        expect(after.payment).toBeNull();
        const retried = await create(undefined, requestId);
        if (after.status === 'FAILED') {
          // Refused for good: the same checkout stays refused, the shopper starts a new one.
          expect(retried.error).toMatchObject({ code: 'PROVIDER_REJECTED', retryable: false });
        } else {
          expect(ok(retried).status).toBe('PAYING');
        }
      });

      it('an answer lost to a time-out while the provider did create the order: the retry closes that one and pays a new one', async () => {
        const before = h.profile.providerOrders(h.sandboxes);
        notifier().faults.set(h.profile.createEndpoint, { kind: 'delay', ms: ADAPTER_TIMEOUT_MS + 1_000 }, { times: 1 });
        const requestId = newRequestId();
        expect((await create([{ skuId: 'oolong', quantity: 1 }], requestId)).error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
        // The provider goes on to create the order after we gave up waiting.
        for (let i = 0; i < 250 && h.profile.providerOrders(h.sandboxes) === before; i++) await new Promise((resolve) => setTimeout(resolve, 20));
        expect(h.profile.providerOrders(h.sandboxes)).toBe(before + 1);
        const { data } = await h.cloud.database().collection('orders').where({ requestId }).get();
        const lost = String(data[0]?.orderNo);
        expect(data[0]?.status).toBe('UNKNOWN');

        const retried = ok(await create([{ skuId: 'oolong', quantity: 1 }], requestId));
        expect(retried.orderNo).not.toBe(lost);
        const events = await h.events(lost);
        expect(events.map((e) => `${e.kind}:${e.outcome}`)).toEqual(expect.arrayContaining(['create:unknown', 'query:ok', 'close:ok']));
        await payAtCashier(retried.payment);
        expect((await h.order(retried.orderNo)).status).toBe('PAID');
      });
    });

    describe('notifications', () => {
      const lastDelivery = () => {
        const deliveries = notifier().notifier.deliveries;
        const last = deliveries[deliveries.length - 1];
        if (!last) throw new Error('no delivery');
        return last;
      };
      /** As the provider would post it: JSON or a form (the delivery log keeps the body only). */
      const post = (body: string) =>
        fetch(`${h.server.url}/http/payNotify/${provider}`, {
          method: 'POST',
          headers: { 'content-type': body.startsWith('{') ? 'application/json' : 'application/x-www-form-urlencoded' },
          body,
        });

      it('answers notifications only for the configured provider, by POST', async () => {
        const other = registeredProviders().find((name) => name !== provider);
        expect((await fetch(`${h.server.url}/http/payNotify/${other}`, { method: 'POST', body: '{}' })).status).toBe(404);
        expect((await fetch(`${h.server.url}/http/payNotify/${provider}`)).status).toBe(405);
      });

      it('applies duplicated deliveries once', async () => {
        notifier().notifier.setFault({ kind: 'duplicate' }, { times: 1 });
        const created = ok(await create());
        await payAtCashier(created.payment);
        expect((await h.order(created.orderNo)).status).toBe('PAID');
        const outcomes = (await h.events(created.orderNo)).filter((e) => e.kind === 'notification').map((e) => e.outcome);
        expect(outcomes.filter((o) => o === 'applied')).toHaveLength(1);
        // Every repeated delivery is recorded as a duplicate, and acknowledged.
        expect(outcomes.filter((o) => o === 'duplicate').length).toBeGreaterThanOrEqual(1);
        expect(outcomes.filter((o) => o !== 'applied' && o !== 'duplicate')).toEqual([]);
        const deliveries = notifier().notifier.deliveries.filter((d) => d.body.includes(created.orderNo));
        expect(deliveries.length).toBeGreaterThanOrEqual(2);
        expect(deliveries.every((d) => d.acknowledged)).toBe(true);
      });

      it('applies concurrent deliveries of one dropped notification exactly once', async () => {
        notifier().notifier.setFault({ kind: 'drop' }, { times: 1 });
        const created = ok(await create());
        await payAtCashier(created.payment);
        expect((await h.order(created.orderNo)).status).toBe('PAYING');
        const dropped = lastDelivery();
        const replies = await Promise.all(Array.from({ length: 6 }, () => post(dropped.body)));
        expect(replies.every((r) => r.status < 500)).toBe(true);
        expect((await h.order(created.orderNo)).status).toBe('PAID');
        const applied = (await h.events(created.orderNo)).filter((e) => e.kind === 'notification' && e.outcome === 'applied');
        expect(applied).toHaveLength(1);
      });

      it('does not mark paid on a forged or altered notification', async () => {
        const created = ok(await create());
        // A notification for this order claiming success, built by someone without the provider's keys.
        const forged = JSON.stringify({ order_no: created.orderNo, transaction_status: 'SUCCESSED', total_amount: created.amount, store_no: 'x', orderStatus: 'PAY_SUC', appOrderNo: created.orderNo, totalAmount: created.amount, sign: 'forged' });
        await post(forged);
        await post('not even json');
        expect((await h.order(created.orderNo)).status).toBe('PAYING');
      });

      it('does not let a notification for one order move another (order number swapped in a real body)', async () => {
        notifier().notifier.setFault({ kind: 'drop' }, { times: 1 });
        const paid = ok(await create());
        await payAtCashier(paid.payment);
        const body = lastDelivery().body;
        const unpaid = ok(await create());
        expect(body).toContain(paid.orderNo);
        await post(body.split(paid.orderNo).join(unpaid.orderNo));
        expect((await h.order(unpaid.orderNo)).status).toBe('PAYING');
      });

      it('records a verified notification for an order we do not have, and acknowledges it', async () => {
        const created = ok(await create());
        await h.cloud.database().collection('orders').where({ orderNo: created.orderNo }).remove();
        await payAtCashier(created.payment);
        const events = await h.events(created.orderNo);
        expect(events.find((e) => e.kind === 'notification')).toMatchObject({ outcome: 'unknown_order', orderId: null });
        expect(lastDelivery().acknowledged).toBe(true);
      });

      it('does not mark paid when the provider reports another amount, and records it', async () => {
        const created = ok(await create());
        h.profile.tamperAmount(h.sandboxes, created.orderNo, created.amount + 1);
        await payAtCashier(created.payment);
        expect((await h.order(created.orderNo)).status).toBe('PAYING');
        const outcomes = (await h.events(created.orderNo)).map((e) => e.outcome);
        expect(outcomes).toContain('amount_mismatch');
        expect(h.logs.some((line) => line.includes('ALERT amount mismatch') && line.includes(created.orderNo))).toBe(true);
      });
    });

    describe("shoppers' boundaries", () => {
      it("never shows or changes another shopper's order", async () => {
        const created = ok(await create(undefined, newRequestId(), 'o_owner'));
        for (const answer of [
          await status(created.orderNo, 'o_intruder'),
          await h.call('orders', { action: 'get', orderNo: created.orderNo }, 'o_intruder'),
          await h.call('orders', { action: 'cancel', orderNo: created.orderNo }, 'o_intruder'),
        ]) {
          expect(answer.error?.code).toBe('NOT_FOUND');
        }
        expect(ok(await h.call('orders', { action: 'list' }, 'o_intruder')).total).toBe(0);
        expect((await h.order(created.orderNo)).status).toBe('PAYING');
        expect(ok(await h.call('orders', { action: 'get', orderNo: created.orderNo }, 'o_owner')).orderNo).toBe(created.orderNo);
      });

      it('pages the list of own orders, newest first', async () => {
        const openid = `o_pager_${Date.now()}`;
        const made = [];
        for (let i = 0; i < 3; i++) made.push(ok(await create([{ skuId: 'sample', quantity: 1 }], newRequestId(), openid)).orderNo);
        const page1 = ok(await h.call('orders', { action: 'list', limit: 2 }, openid));
        const page2 = ok(await h.call('orders', { action: 'list', offset: 2, limit: 2 }, openid));
        expect(page1.total).toBe(3);
        expect([...page1.orders, ...page2.orders].map((o: { orderNo: string }) => o.orderNo).sort()).toEqual([...made].sort());
        expect(page1.orders[0].createdAt).toBeGreaterThanOrEqual(page1.orders[1].createdAt);
      });

      it.each([
        ['no action', {}, 'INVALID_ARGUMENT', 'action'],
        ['unknown action', { action: 'steal' }, 'INVALID_ARGUMENT', 'action'],
        ['no items', { action: 'create', requestId: 'request-0001' }, 'INVALID_ARGUMENT', 'items'],
        ['empty items', { action: 'create', items: [], requestId: 'request-0001' }, 'INVALID_ARGUMENT', 'items'],
        ['zero quantity', { action: 'create', items: [{ skuId: 'oolong', quantity: 0 }], requestId: 'request-0001' }, 'INVALID_ARGUMENT', 'items.0.quantity'],
        ['fractional quantity', { action: 'create', items: [{ skuId: 'oolong', quantity: 1.5 }], requestId: 'request-0001' }, 'INVALID_ARGUMENT', 'items.0.quantity'],
        ['quantity as text', { action: 'create', items: [{ skuId: 'oolong', quantity: '1' }], requestId: 'request-0001' }, 'INVALID_ARGUMENT', 'items.0.quantity'],
        ['bad skuId', { action: 'create', items: [{ skuId: 'a b', quantity: 1 }], requestId: 'request-0001' }, 'INVALID_ARGUMENT', 'items.0.skuId'],
        ['no requestId', { action: 'create', items: [{ skuId: 'oolong', quantity: 1 }] }, 'INVALID_ARGUMENT', 'requestId'],
        ['short requestId', { action: 'create', items: [{ skuId: 'oolong', quantity: 1 }], requestId: 'x' }, 'INVALID_ARGUMENT', 'requestId'],
        ['unknown product', { action: 'create', items: [{ skuId: 'caviar', quantity: 1 }], requestId: 'request-0001' }, 'NOT_FOUND', 'items.0.skuId'],
        ['unavailable product', { action: 'create', items: [{ skuId: 'tea-cups', quantity: 1 }], requestId: 'request-0001' }, 'CONFLICT', 'items.0.skuId'],
        ['over the per-order limit', { action: 'create', items: [{ skuId: 'teapot', quantity: 2 }], requestId: 'request-0001' }, 'INVALID_ARGUMENT', 'items.0.quantity'],
        ['the same product twice', { action: 'create', items: [{ skuId: 'oolong', quantity: 1 }, { skuId: 'oolong', quantity: 1 }], requestId: 'request-0001' }, 'INVALID_ARGUMENT', 'items.1.skuId'],
        ['status without orderNo', { action: 'status' }, 'INVALID_ARGUMENT', 'orderNo'],
        ['status with a malformed orderNo', { action: 'status', orderNo: '../../etc' }, 'INVALID_ARGUMENT', 'orderNo'],
        ['status of no such order', { action: 'status', orderNo: 'NOSUCHORDER1' }, 'NOT_FOUND', 'orderNo'],
      ])('pay refuses %s', async (_name, event, code, field) => {
        const answer = await h.call('pay', event);
        expect(answer.ok).toBe(false);
        expect(answer.error).toMatchObject({ code });
        expect(answer.error?.message).toContain(field);
      });

      it.each([
        ['unknown action', { action: 'delete' }, 'action'],
        ['negative offset', { action: 'list', offset: -1 }, 'offset'],
        ['huge limit', { action: 'list', limit: 1000 }, 'limit'],
        ['get without orderNo', { action: 'get' }, 'orderNo'],
      ])('orders refuses %s', async (_name, event, field) => {
        const answer = await h.call('orders', event);
        expect(answer.error).toMatchObject({ code: 'INVALID_ARGUMENT' });
        expect(answer.error?.message).toContain(field);
      });

      it('refuses pay and orders calls that carry no shopper identity', async () => {
        expect((await h.call('pay', { action: 'create', items: [{ skuId: 'oolong', quantity: 1 }], requestId: newRequestId() }, null)).error?.code).toBe('PERMISSION_DENIED');
        expect((await h.call('orders', { action: 'list' }, null)).error?.code).toBe('PERMISSION_DENIED');
      });

      it('ignores an openid sent in the event: identity comes from the cloud context only', async () => {
        const created = ok(await h.call('pay', { action: 'create', items: [{ skuId: 'sample', quantity: 1 }], requestId: newRequestId(), openid: 'o_victim', userInfo: { openId: 'o_victim' } }, 'o_real'));
        expect((await h.order(created.orderNo)).openid).toBe('o_real');
      });
    });

    describe('reconcile', () => {
      it('settles a paid order whose notification never came', async () => {
        notifier().notifier.setFault({ kind: 'drop' }, { times: 1 });
        const created = ok(await create());
        await payAtCashier(created.payment);
        expect((await h.order(created.orderNo)).status).toBe('PAYING');
        await h.age(created.orderNo, 6 * 60_000);
        ok(await h.callTrusted('reconcile', {}));
        expect((await h.order(created.orderNo)).status).toBe('PAID');
      });

      it('closes an expired unpaid order here and at the provider', async () => {
        const created = ok(await create());
        await h.age(created.orderNo, (ORDER_EXPIRY_MINUTES + 1) * 60_000);
        const summary = ok(await h.callTrusted('reconcile', {}));
        expect(summary.closed).toBeGreaterThanOrEqual(1);
        expect((await h.order(created.orderNo)).status).toBe('CLOSED');
        expect((await h.sandboxes.cashier.pay(created.payment)).errMsg).not.toBe('requestPayment:ok');
      });

      it('is not for shoppers', async () => {
        expect((await h.call('reconcile', {})).error?.code).toBe('PERMISSION_DENIED');
      });
    });

    describe('refunds', () => {
      const paidOrder = async (items: unknown = [{ skuId: 'oolong', quantity: 2 }]) => {
        const created = ok(await create(items));
        await payAtCashier(created.payment);
        expect((await h.order(created.orderNo)).status).toBe('PAID');
        return created as { orderNo: string; amount: number };
      };
      const refund = (data: Record<string, unknown>, token: string | null = ADMIN_TOKEN) =>
        h.callTrusted('refund', token === null ? data : { ...data, adminToken: token });
      /** Some providers refund asynchronously (PENDING): the merchant asks again with the same refund number. */
      const settledRefund = async (data: Record<string, unknown>) => {
        for (let attempt = 0; attempt < 40; attempt++) {
          const answer = await refund(data);
          if (!answer.ok || answer.data.status !== 'PENDING') return answer;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        throw new Error('refund never settled');
      };

      it('refunds in full', async () => {
        const order = await paidOrder();
        const answer = ok(await settledRefund({ orderNo: order.orderNo, refundNo: `RF${Date.now()}A` }));
        expect(answer).toMatchObject({ status: 'SUCCEEDED', amount: order.amount, orderStatus: 'REFUNDED', refundedAmount: order.amount });
        expect((await h.order(order.orderNo)).status).toBe('REFUNDED');
      });

      it('refunds in parts, idempotently by refund number, never more than was paid', async () => {
        const order = await paidOrder();
        const first = `RF${Date.now()}P1`;
        expect(ok(await settledRefund({ orderNo: order.orderNo, refundNo: first, amount: 1000 }))).toMatchObject({ status: 'SUCCEEDED', orderStatus: 'PARTIALLY_REFUNDED', refundedAmount: 1000 });
        expect(ok(await refund({ orderNo: order.orderNo, refundNo: first, amount: 1000 }))).toMatchObject({ status: 'SUCCEEDED', refundedAmount: 1000 });
        expect((await refund({ orderNo: order.orderNo, refundNo: first, amount: 999 })).error?.code).toBe('CONFLICT');
        expect((await refund({ orderNo: order.orderNo, refundNo: `RF${Date.now()}P2`, amount: order.amount })).error).toMatchObject({ code: 'INVALID_ARGUMENT' });
        if (h.profile.oneRefundPerOrder) {
          // The provider takes one refund per order: a second one is refused and the order goes back as it was.
          expect((await refund({ orderNo: order.orderNo, refundNo: `RF${Date.now()}P3` })).error).toMatchObject({ code: 'PROVIDER_REJECTED', retryable: false });
          expect(await h.order(order.orderNo)).toMatchObject({ status: 'PARTIALLY_REFUNDED', refundedAmount: 1000 });
          return;
        }
        const rest = ok(await settledRefund({ orderNo: order.orderNo, refundNo: `RF${Date.now()}P3` }));
        expect(rest).toMatchObject({ amount: order.amount - 1000, orderStatus: 'REFUNDED', refundedAmount: order.amount });
        const succeeded = (await h.events(order.orderNo)).filter((e) => e.kind === 'refund' && e.refundStatus === 'SUCCEEDED');
        expect(succeeded.map((e) => [e.refundNo, e.amount])).toEqual([
          [first, 1000],
          [rest.refundNo, order.amount - 1000],
        ]);
      });

      it('refunds once when the same refund is requested concurrently', async () => {
        const order = await paidOrder([{ skuId: 'green-tea', quantity: 1 }]);
        const refundNo = `RF${Date.now()}C`;
        const answers = await Promise.all(Array.from({ length: 4 }, () => refund({ orderNo: order.orderNo, refundNo })));
        for (const answer of answers) {
          if (!answer.ok) expect(answer.error).toEqual({ retryable: true });
        }
        expect(ok(await settledRefund({ orderNo: order.orderNo, refundNo }))).toMatchObject({ status: 'SUCCEEDED', refundedAmount: order.amount, orderStatus: 'REFUNDED' });
        const stored = await h.order(order.orderNo);
        expect(stored.refunds).toHaveLength(1);
        expect(stored.refundedAmount).toBe(order.amount);
      });

      it('keeps a refund whose answer was lost PENDING, and reconcile asks again with the same number', async () => {
        const order = await paidOrder([{ skuId: 'sample', quantity: 1 }]);
        notifier().faults.set(h.profile.refundEndpoint, { kind: 'http5xx', status: 502 }, { times: 1 });
        const refundNo = `RF${Date.now()}L`;
        expect((await refund({ orderNo: order.orderNo, refundNo })).error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
        expect(await h.order(order.orderNo)).toMatchObject({ status: 'REFUNDING', refunds: [expect.objectContaining({ refundNo, status: 'PENDING' })] });
        // The shopper's own order shows the refund under way (退款中 ¥0.01) before refundedAmount moves; another shopper sees nothing.
        const shopperGet = (openid?: string) => h.call('orders', { action: 'get', orderNo: order.orderNo }, openid);
        expect(ok(await shopperGet())).toMatchObject({ status: 'REFUNDING', refundedAmount: 0, refundingAmount: 1 });
        expect((await shopperGet('o_someone_else')).error?.code).toBe('NOT_FOUND');
        // The lost call may still be processed: a retry now answers PENDING and sends nothing.
        const refundCalls = () => h.events(order.orderNo).then((events) => events.filter((e) => e.kind === 'refund').length);
        const calls = await refundCalls();
        expect(ok(await refund({ orderNo: order.orderNo, refundNo }))).toMatchObject({ status: 'PENDING' });
        expect(await refundCalls()).toBe(calls);
        // Twice the adapter's deadline later its answer can no longer arrive: then reconcile resolves it.
        const stored = await h.order(order.orderNo);
        const past = Date.now() - 2 * ADAPTER_TIMEOUT_MS - 1;
        await h.cloud.database().collection('orders').doc(stored._id).update({ data: { 'refunds.0.callingUntil': past, 'refunds.0.unknownSince': past } });
        for (let i = 0; i < 40 && (await h.order(order.orderNo)).status === 'REFUNDING'; i++) {
          await h.age(order.orderNo, 10 * 60_000);
          ok(await h.callTrusted('reconcile', {}));
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        expect(await h.order(order.orderNo)).toMatchObject({ status: 'REFUNDED', refundedAmount: 1, refunds: [expect.objectContaining({ refundNo, status: 'SUCCEEDED' })] });
        expect(ok(await shopperGet())).toMatchObject({ status: 'REFUNDED', refundedAmount: 1, refundingAmount: 0 });
      });

      it('refuses a shopper, a missing or wrong token, and an unpaid order', async () => {
        const order = await paidOrder([{ skuId: 'sample', quantity: 1 }]);
        const attempt = { orderNo: order.orderNo, refundNo: `RF${Date.now()}X`, adminToken: ADMIN_TOKEN };
        expect((await h.call('refund', attempt)).error?.code).toBe('PERMISSION_DENIED');
        expect((await refund({ orderNo: order.orderNo, refundNo: 'RFX1' }, null)).error?.code).toBe('PERMISSION_DENIED');
        expect((await refund({ orderNo: order.orderNo, refundNo: 'RFX1' }, `${ADMIN_TOKEN}x`)).error?.code).toBe('PERMISSION_DENIED');
        const unpaid = ok(await create());
        expect((await refund({ orderNo: unpaid.orderNo, refundNo: `RF${Date.now()}U` })).error?.code).toBe('CONFLICT');
        expect((await h.order(order.orderNo)).status).toBe('PAID');
      });

      it.each([
        ['a fraction', 1.5],
        ['zero', 0],
        ['a number beyond exact integers', 1e20],
        ['text', '100'],
      ])('refuses an amount that is %s as INVALID_ARGUMENT naming it', async (_name, amount) => {
        const answer = await refund({ orderNo: 'NOSUCHORDER1', refundNo: `RF${Date.now()}V`, amount });
        expect(answer.error).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('amount') });
      });

      it('accepts a merchant refund over the HTTP access service with the bearer token', async () => {
        const order = await paidOrder([{ skuId: 'sample', quantity: 1 }]);
        const refundNo = `RF${Date.now()}H`;
        const body = JSON.stringify({ orderNo: order.orderNo, refundNo });
        const denied = await fetch(`${h.server.url}/http/refund`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        expect(denied.status).toBe(403);
        const done = await fetch(`${h.server.url}/http/refund`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` }, body });
        expect(done.status).toBe(200);
        expect(await done.json()).toMatchObject({ ok: true, data: { refundNo, amount: order.amount } });
        expect(ok(await settledRefund({ orderNo: order.orderNo, refundNo }))).toMatchObject({ status: 'SUCCEEDED', orderStatus: 'REFUNDED' });
      });
    });

    describe('the local cloud', () => {
      it('keeps orders and events across a restart of the cloud (database reopened, functions cold-started)', async () => {
        const created = ok(await create());
        await payAtCashier(created.payment);
        const eventsBefore = (await h.events(created.orderNo)).length;
        await h.cloud.restart();
        expect(ok(await status(created.orderNo))).toMatchObject({ status: 'PAID', amount: created.amount });
        expect((await h.events(created.orderNo)).length).toBe(eventsBefore);
        expect(ok(await h.call('orders', { action: 'list' })).total).toBeGreaterThan(0);
      });

      it('gives each browser its own identity over HTTP, which a client cannot choose', async () => {
        const call = (name: string, data: unknown, headers: Record<string, string> = {}) =>
          fetch(`${h.server.url}/functions/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(data) });
        const first = await call('pay', { action: 'create', items: [{ skuId: 'sample', quantity: 1 }], requestId: newRequestId() });
        const cookie = first.headers.get('set-cookie')?.split(';')[0] ?? '';
        expect(cookie).toMatch(/^local_identity=o_local_/);
        const created = (await first.json()).result;
        expect(created.ok).toBe(true);
        const mine = await (await call('orders', { action: 'get', orderNo: created.data.orderNo }, { cookie })).json();
        expect(mine.result.ok).toBe(true);
        const forged = `local_identity=${encodeURIComponent(`o_local_${'A'.repeat(24)}.${'0'.repeat(64)}`)}`;
        const stranger = await (await call('orders', { action: 'get', orderNo: created.data.orderNo }, { cookie: forged })).json();
        expect(stranger.result.error.code).toBe('NOT_FOUND');
        const spoofed = await (await call('orders', { action: 'get', orderNo: created.data.orderNo }, { 'x-openid': 'anything' })).json();
        expect(spoofed.result.error.code).toBe('NOT_FOUND');
      });
    });

    if (own) describe(`${provider} only`, () => own(() => h));

    describe('secrets', () => {
      it('never puts a credential in a response, a log line or the database', async () => {
        const secrets = [...h.profile.secrets(h.env), ADMIN_TOKEN].filter((s) => s.length >= 8);
        expect(secrets.length).toBeGreaterThan(1);
        const stored = await h.events();
        const orders = (await h.cloud.database().collection('orders').where({}).limit(1000).get()).data;
        const everything = [...h.logs, ...h.responses.map((r) => JSON.stringify(r)), JSON.stringify(stored), JSON.stringify(orders)].join('\n');
        expect(h.logs.length).toBeGreaterThan(0);
        for (const secret of secrets) expect(everything).not.toContain(secret);
      });
    });
  });
}
