/**
 * The shopper's side of issue 11 on the local cloud against each provider sandbox: an order
 * expired on read, paying an existing order again, going back to it after a reload, and the
 * "payment succeeded" subscribe message.
 */
import type { RequestPaymentParams } from '../../server/gateways/contract';
import { ORDER_EXPIRY_MINUTES, newRequestId, startHarness, type Envelope, type Harness } from './support/harness';

jest.setTimeout(30_000); // each provider starts a local cloud and a sandbox: slow on a busy machine

const TEMPLATE = 'paid_tmpl_0001';
const PAST_EXPIRY_MS = (ORDER_EXPIRY_MINUTES + 1) * 60_000;
const TWO_HOURS_MS = 2 * 60 * 60_000;

describe.each(['quickpay', 'caibao', 'tencent'] as const)('the shopper with %s', (provider) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(provider, { PAID_MESSAGE_TEMPLATE_ID: TEMPLATE, SHOP_NAME: '茶叶小铺' });
  });
  afterAll(async () => {
    await h?.close();
  });
  const sandbox = () => {
    const found = h.sandboxes.providers[provider];
    if (!found) throw new Error(`no ${provider} sandbox`);
    return found;
  };
  afterEach(async () => {
    sandbox().notifier.clearFaults();
    await sandbox().notifier.idle();
  });

  const ok = (answer: Envelope) => {
    if (!answer.ok) throw new Error(`expected ok, got ${JSON.stringify(answer.error)}`);
    return answer.data;
  };
  let shopperCount = 0;
  const newShopper = () => `o_${provider}_shopper_${++shopperCount}`;
  const create = (openid: string, items: unknown = [{ skuId: 'green-tea', quantity: 2 }]) => h.call('pay', { action: 'create', items, requestId: newRequestId() }, openid);
  const payAgain = (openid: string, orderNo: string) => h.call('pay', { action: 'pay', orderNo }, openid);
  const status = (openid: string, orderNo: string) => h.call('pay', { action: 'status', orderNo }, openid);
  const pending = (openid: string) => h.call('orders', { action: 'pending' }, openid);
  const payAtCashier = async (payment: RequestPaymentParams) => {
    const result = await h.sandboxes.cashier.pay(payment);
    await sandbox().notifier.idle();
    return result;
  };
  const messagesTo = (openid: string) => h.cloud.subscribeMessages.forUser(openid);
  const messageEvents = async (orderNo: string) => (await h.events(orderNo)).filter((e) => e.kind === 'message');
  /** Lets the shopper's status checks ask the provider again (they are throttled per order). */
  const allowStatusQuery = (orderNo: string) => h.cloud.database().collection('orders').where({ orderNo }).update({ data: { lastStatusQueryAt: 0 } });

  describe('an order expired on read', () => {
    it('reads EXPIRED in status, get and list as soon as its time is up, without reconcile or a provider close', async () => {
      const shopper = newShopper();
      const created = ok(await create(shopper));
      await h.sandboxes.cashier.cancel(created.payment);
      await h.age(created.orderNo, PAST_EXPIRY_MS);

      expect(ok(await status(shopper, created.orderNo)).status).toBe('EXPIRED');
      expect(ok(await h.call('orders', { action: 'get', orderNo: created.orderNo }, shopper)).status).toBe('EXPIRED');
      const listed = ok(await h.call('orders', { action: 'list' }, shopper));
      expect(listed.orders.map((o: { status: string }) => o.status)).toEqual(['EXPIRED']);
      expect(ok(await h.call('orders', { action: 'list', tab: 'unpaid' }, shopper)).total).toBe(0);
      expect(ok(await h.call('orders', { action: 'list', tab: 'closed' }, shopper)).orders[0]).toMatchObject({ orderNo: created.orderNo, status: 'EXPIRED' });

      // Reading moved nothing: still open here and at the provider until reconcile closes it.
      expect((await h.order(created.orderNo)).status).toBe('PAYING');
      expect((await h.events(created.orderNo)).map((e) => e.kind)).not.toContain('close');
      ok(await h.callTrusted('reconcile', {}));
      expect((await h.order(created.orderNo)).status).toBe('CLOSED');
      expect(ok(await h.call('orders', { action: 'get', orderNo: created.orderNo }, shopper)).status).toBe('EXPIRED');
    });

    it('tells a cancelled order (CLOSED) from an expired one', async () => {
      const shopper = newShopper();
      const created = ok(await create(shopper));
      expect(ok(await h.call('orders', { action: 'cancel', orderNo: created.orderNo }, shopper)).status).toBe('CLOSED');
      // Its time passes afterwards (the whole order moves back in time, its close too).
      const stored = await h.order(created.orderNo);
      await h.age(created.orderNo, PAST_EXPIRY_MS);
      await h.cloud.database().collection('orders').doc(stored._id).update({ data: { closedAt: (stored.closedAt ?? 0) - PAST_EXPIRY_MS } });
      expect(ok(await h.call('orders', { action: 'get', orderNo: created.orderNo }, shopper)).status).toBe('CLOSED');
      expect(ok(await h.call('orders', { action: 'list', tab: 'closed' }, shopper)).orders.map((o: { status: string }) => o.status)).toEqual(['CLOSED']);
    });

    it('still settles a payment the provider proves after the order read as expired', async () => {
      const shopper = newShopper();
      const created = ok(await create(shopper));
      await h.age(created.orderNo, PAST_EXPIRY_MS);
      expect(ok(await status(shopper, created.orderNo)).status).toBe('EXPIRED');
      // The provider still took the payment (its own deadline had not passed): the money is real.
      expect((await payAtCashier(created.payment)).errMsg).toBe('requestPayment:ok');
      expect((await h.order(created.orderNo)).status).toBe('PAID');
      expect(ok(await status(shopper, created.orderNo)).status).toBe('PAID');
    });
  });

  describe('paying an existing order again', () => {
    it('answers the same pay params, with no second provider order, and the order is paid with them', async () => {
      const shopper = newShopper();
      const created = ok(await create(shopper));
      expect((await h.sandboxes.cashier.cancel(created.payment)).errMsg).toBe('requestPayment:fail cancel');
      const before = h.profile.providerOrders(h.sandboxes);
      const again = ok(await payAgain(shopper, created.orderNo));
      expect(again).toMatchObject({ orderNo: created.orderNo, amount: created.amount, status: 'PAYING', payment: created.payment });
      expect(again.expiresAt).toBe((await h.order(created.orderNo)).expiresAt);
      expect(h.profile.providerOrders(h.sandboxes)).toBe(before);
      expect(await h.creates(created.orderNo)).toEqual([created.orderNo]);

      expect((await payAtCashier(again.payment)).errMsg).toBe('requestPayment:ok');
      expect((await payAgain(shopper, created.orderNo)).error).toMatchObject({ code: 'ORDER_PAID', retryable: false });
    });

    it('keeps pay params issued recently on an order made long ago (their age is that of the create call)', async () => {
      const shopper = newShopper();
      const created = ok(await create(shopper));
      const stored = await h.order(created.orderNo);
      await h.cloud.database().collection('orders').doc(stored._id).update({ data: { createdAt: stored.createdAt - TWO_HOURS_MS } });
      expect(ok(await payAgain(shopper, created.orderNo))).toMatchObject({ orderNo: created.orderNo, payment: created.payment });
    });

    it('replaces pay params past their validity: the old provider order is closed and the order is paid under a new number', async () => {
      const shopper = newShopper();
      const created = ok(await create(shopper));
      // Two hours pass (the order itself is valid for a day): WeChat would refuse the prepay id now.
      const db = h.cloud.database();
      const stored = await h.order(created.orderNo);
      await db.collection('orders').doc(stored._id).update({ data: { createdAt: stored.createdAt - TWO_HOURS_MS, 'providerCreates.0.at': Date.now() - TWO_HOURS_MS } });

      const renewed = ok(await payAgain(shopper, created.orderNo));
      expect(renewed.orderNo).not.toBe(created.orderNo);
      expect(renewed.payment).not.toEqual(created.payment);
      const after = await h.order(renewed.orderNo);
      expect(after).toMatchObject({ _id: stored._id, status: 'PAYING', previousOrderNos: [created.orderNo] });
      expect((await h.events(created.orderNo)).map((e) => `${e.kind}:${e.outcome}`)).toEqual(expect.arrayContaining(['query:ok', 'close:ok']));
      expect((await h.sandboxes.cashier.pay(created.payment)).errMsg).not.toBe('requestPayment:ok');

      // The old number still finds the order; the renewed params are answered again, not renewed twice.
      expect(ok(await payAgain(shopper, created.orderNo)).payment).toEqual(renewed.payment);
      expect((await payAtCashier(renewed.payment)).errMsg).toBe('requestPayment:ok');
      expect((await h.order(renewed.orderNo)).status).toBe('PAID');
    });

    it('refuses an expired order (ORDER_EXPIRED), a cancelled one (ORDER_CLOSED) and another shopper (NOT_FOUND), creating nothing', async () => {
      const shopper = newShopper();
      const expired = ok(await create(shopper));
      const cancelled = ok(await create(shopper));
      ok(await h.call('orders', { action: 'cancel', orderNo: cancelled.orderNo }, shopper));
      await h.age(expired.orderNo, PAST_EXPIRY_MS);
      const before = h.profile.providerOrders(h.sandboxes);

      expect((await payAgain(shopper, expired.orderNo)).error).toMatchObject({ code: 'ORDER_EXPIRED', retryable: false });
      expect((await payAgain(shopper, cancelled.orderNo)).error).toMatchObject({ code: 'ORDER_CLOSED', retryable: false });
      const mine = ok(await create(shopper));
      expect((await payAgain(newShopper(), mine.orderNo)).error?.code).toBe('NOT_FOUND');
      expect((await payAgain(shopper, 'NOSUCHORDER1')).error?.code).toBe('NOT_FOUND');
      expect((await h.call('pay', { action: 'pay' }, shopper)).error).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('orderNo') });
      expect(h.profile.providerOrders(h.sandboxes)).toBe(before + 1);
      expect((await h.order(expired.orderNo)).status).toBe('PAYING');
    });

    it('answers a retried checkout of an expired order ORDER_EXPIRED, of a cancelled one ORDER_CLOSED', async () => {
      const shopper = newShopper();
      const items = [{ skuId: 'sample', quantity: 1 }];
      const [expiring, cancelling] = [newRequestId(), newRequestId()];
      const expired = ok(await h.call('pay', { action: 'create', items, requestId: expiring }, shopper));
      const cancelled = ok(await h.call('pay', { action: 'create', items, requestId: cancelling }, shopper));
      ok(await h.call('orders', { action: 'cancel', orderNo: cancelled.orderNo }, shopper));
      await h.age(expired.orderNo, PAST_EXPIRY_MS);
      expect((await h.call('pay', { action: 'create', items, requestId: expiring }, shopper)).error?.code).toBe('ORDER_EXPIRED');
      expect((await h.call('pay', { action: 'create', items, requestId: cancelling }, shopper)).error?.code).toBe('ORDER_CLOSED');
    });

    if (provider === 'caibao') {
      it('pays a QR order again with the same QR code', async () => {
        const shopper = newShopper();
        const made = ok(await h.call('pay', { action: 'createQr', items: [{ skuId: 'sample', quantity: 1 }], requestId: newRequestId(), channel: 'wechat' }, shopper));
        const before = h.profile.providerOrders(h.sandboxes);
        expect(ok(await payAgain(shopper, made.orderNo))).toMatchObject({ orderNo: made.orderNo, qr: made.qr });
        expect(h.profile.providerOrders(h.sandboxes)).toBe(before);
      });
    }
  });

  describe('quote (确认订单 before any order exists)', () => {
    const cart = [
      { skuId: 'green-tea', quantity: 2 },
      { skuId: 'oolong', quantity: 1 },
    ];
    const setPrice = (skuId: string, unitPrice: number) => h.cloud.database().collection('products').doc(skuId).update({ data: { unitPrice } });

    it('prices the cart as create does, and makes nothing: no order, no event, no provider call', async () => {
      const shopper = newShopper();
      let providerAnswers = 0;
      h.proxy.holdAnswer(async () => {
        providerAnswers += 1;
      });
      const eventsBefore = (await h.events()).length;
      const queriesBefore = h.queries.length;
      try {
        const quote = ok(await h.call('pay', { action: 'quote', items: cart }, shopper));
        expect(quote).toEqual({
          lines: [
            { skuId: 'green-tea', name: '西湖龙井', unitPrice: 1200, quantity: 2 },
            { skuId: 'oolong', name: '安溪铁观音', unitPrice: 2350, quantity: 1 },
          ],
          amount: 4750,
        });
        // It only read the catalog (at most once: a cached catalog may not read at all).
        const issued = h.queries.slice(queriesBefore).map((q) => `${q.collection}.${q.operation}`);
        expect(issued.filter((op) => op !== 'products.get')).toEqual([]);
        expect(issued.length).toBeLessThanOrEqual(1);
        expect(providerAnswers).toBe(0);
        expect((await h.events()).length).toBe(eventsBefore);
        expect(ok(await h.call('orders', { action: 'list' }, shopper)).total).toBe(0);
        expect(ok(await pending(shopper)).order).toBeNull();
      } finally {
        h.proxy.holdAnswer(undefined);
      }
      const created = ok(await h.call('pay', { action: 'create', items: cart, requestId: newRequestId() }, shopper));
      expect(created.amount).toBe(4750);
      expect((await h.order(created.orderNo)).lines).toEqual(ok(await h.call('pay', { action: 'quote', items: cart }, shopper)).lines);
    });

    // A warm pay instance prices quote and create from what it read for up to CATALOG_CACHE_SECONDS,
    // so 确认订单 shows what that instance charges; a new instance reads the change at once.
    it.each([
      { instance: 'a new instance', restart: true, charged: 4950 },
      { instance: 'the same warm instance', restart: false, charged: 4750 },
    ])('a price changed after the quote, create on $instance: the order is made at $charged, which create answers', async ({ restart, charged }) => {
      const shopper = newShopper();
      expect(ok(await h.call('pay', { action: 'quote', items: cart }, shopper)).amount).toBe(4750);
      await setPrice('oolong', 2550);
      if (restart) await h.cloud.restart();
      try {
        const created = ok(await h.call('pay', { action: 'create', items: cart, requestId: newRequestId() }, shopper));
        expect(created.amount).toBe(charged);
        expect((await h.order(created.orderNo)).amount).toBe(charged);
      } finally {
        await setPrice('oolong', 2350);
        await h.cloud.restart();
      }
    });

    it('refuses what create refuses, with the same codes, and only for a shopper', async () => {
      const shopper = newShopper();
      const quote = (items: unknown, openid: string | null = shopper) => h.call('pay', { action: 'quote', items }, openid);
      expect((await quote([])).error).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('items') });
      expect((await quote([{ skuId: 'tea-cups', quantity: 1 }])).error?.code).toBe('CONFLICT');
      expect((await quote([{ skuId: 'nope', quantity: 1 }])).error?.code).toBe('NOT_FOUND');
      expect((await quote([{ skuId: 'teapot', quantity: 2 }])).error).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('items.0.quantity') });
      expect((await quote(cart, null)).error?.code).toBe('PERMISSION_DENIED');
    });
  });

  describe('resuming after a reload', () => {
    it('leads back to the newest unpaid order, across a restart of the cloud, with the same pay params', async () => {
      const shopper = newShopper();
      const older = ok(await create(shopper, [{ skuId: 'oolong', quantity: 1 }]));
      const newest = ok(await create(shopper));
      await h.cloud.restart();
      const resumed = ok(await pending(shopper)).order;
      expect(resumed).toMatchObject({ orderNo: newest.orderNo, status: 'PAYING', amount: newest.amount });
      expect(ok(await payAgain(shopper, resumed.orderNo)).payment).toEqual(newest.payment);

      ok(await h.call('orders', { action: 'cancel', orderNo: newest.orderNo }, shopper));
      expect(ok(await pending(shopper)).order.orderNo).toBe(older.orderNo);
      await h.age(older.orderNo, PAST_EXPIRY_MS);
      expect(ok(await pending(shopper)).order).toBeNull();
    });

    it("never shows another shopper's unpaid order", async () => {
      const owner = newShopper();
      ok(await create(owner));
      expect(ok(await pending(newShopper())).order).toBeNull();
      expect(ok(await pending(owner)).order).not.toBeNull();
    });

    it('answers an order paid meanwhile (notification lost) as PAID, so the client empties the cart instead of paying again', async () => {
      const shopper = newShopper();
      const created = ok(await create(shopper));
      sandbox().notifier.setFault({ kind: 'drop' }, { times: 1 });
      await payAtCashier(created.payment);
      expect((await h.order(created.orderNo)).status).toBe('PAYING');
      await allowStatusQuery(created.orderNo);
      expect(ok(await pending(shopper)).order).toMatchObject({ orderNo: created.orderNo, status: 'PAID' });
      expect(ok(await pending(shopper)).order).toBeNull();
    });
  });

  describe('the "payment succeeded" subscribe message', () => {
    it('is sent once per paid order, with values WeChat accepts, however the payment was learnt', async () => {
      const shopper = newShopper();
      h.cloud.subscribeMessages.accept(shopper, [TEMPLATE, TEMPLATE]);
      sandbox().notifier.setFault({ kind: 'duplicate' }, { times: 1 });
      const created = ok(await create(shopper, [{ skuId: 'green-tea', quantity: 2 }, { skuId: 'oolong', quantity: 1 }]));
      await payAtCashier(created.payment);
      await allowStatusQuery(created.orderNo);
      expect(ok(await status(shopper, created.orderNo)).status).toBe('PAID');
      ok(await h.callTrusted('reconcile', {}));

      const sent = messagesTo(shopper);
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({
        errCode: 0,
        templateId: TEMPLATE,
        page: `pages/order/index?orderNo=${created.orderNo}`,
        lang: 'zh_CN',
        miniprogramState: 'formal',
        data: {
          character_string1: { value: created.orderNo },
          amount2: { value: '¥47.50' },
          thing3: { value: '西湖龙井等3件商品' },
          time4: { value: expect.stringMatching(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/) },
        },
      });
      expect((await messageEvents(created.orderNo)).map((e) => e.outcome)).toEqual(['sent']);
    });

    it('is sent when reconcile is what finds the payment', async () => {
      const shopper = newShopper();
      h.cloud.subscribeMessages.accept(shopper, [TEMPLATE]);
      const created = ok(await create(shopper));
      sandbox().notifier.setFault({ kind: 'drop' }, { times: 1 });
      await payAtCashier(created.payment);
      await h.age(created.orderNo, 6 * 60_000);
      ok(await h.callTrusted('reconcile', {}));
      expect((await h.order(created.orderNo)).status).toBe('PAID');
      expect(messagesTo(shopper).map((m) => m.data.character_string1?.value)).toEqual([created.orderNo]);
    });

    it('a refused send (no subscription: 43101) or a failing one is recorded and leaves the payment alone', async () => {
      const shopper = newShopper();
      const refused = ok(await create(shopper));
      await payAtCashier(refused.payment);
      expect((await h.order(refused.orderNo)).status).toBe('PAID');
      const last = sandbox().notifier.deliveries.at(-1);
      expect(last?.acknowledged).toBe(true);
      expect(await messageEvents(refused.orderNo)).toEqual([expect.objectContaining({ outcome: 'failed', errorCode: '43101' })]);

      h.cloud.subscribeMessages.accept(shopper, [TEMPLATE]);
      h.cloud.subscribeMessages.failNext(-1, 'system error');
      const failing = ok(await create(shopper));
      await payAtCashier(failing.payment);
      expect((await h.order(failing.orderNo)).status).toBe('PAID');
      expect(await messageEvents(failing.orderNo)).toEqual([expect.objectContaining({ outcome: 'failed', errorCode: '-1' })]);
      expect(messagesTo(shopper).map((m) => m.errCode)).toEqual([43101, -1]);
    });
  });
});
