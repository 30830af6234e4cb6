/**
 * QR payment (`pay` action `createQr`) through the local cloud: for a provider that has it
 * (Caibao open.pay.scan, paid on the sandbox's QR page over HTTP), and for those that don't.
 */
import { ORDER_EXPIRY_MINUTES, newRequestId, type Envelope, type Harness } from './harness';

const ITEMS = [{ skuId: 'green-tea', quantity: 1 }];

function ok(answer: Envelope) {
  if (!answer.ok) throw new Error(`expected ok, got ${JSON.stringify(answer.error)}`);
  return answer.data;
}

function createQr(h: Harness, requestId = newRequestId(), channel: unknown = 'wechat', items: unknown = ITEMS) {
  return h.call('pay', { action: 'createQr', items, requestId, channel });
}

/** What the wallet app does after scanning: the sandbox's QR page, then its Pay / Cancel form. */
async function scanAnd(h: Harness, qrContent: string, action: 'pay' | 'cancel'): Promise<void> {
  const page = await fetch(qrContent);
  expect(page.status).toBe(200);
  const done = await fetch(`${qrContent}/${action}`, { method: 'POST', redirect: 'manual' });
  expect(done.status).toBe(303);
  for (const sandbox of Object.values(h.sandboxes.providers)) await sandbox?.notifier.idle();
}

export function qrPaymentScenarios(harness: () => Harness): void {
  describe('QR payment (createQr)', () => {
    it('capabilities says QR payment is available', async () => {
      expect(ok(await harness().call('pay', { action: 'capabilities' }))).toEqual({ qrPayment: true });
    });

    it('creates an order priced on the server with a QR code; paying on the QR page notifies and makes it PAID', async () => {
      const h = harness();
      const items = [{ skuId: 'green-tea', quantity: 2 }, { skuId: 'oolong', quantity: 1 }];
      const created = ok(await createQr(h, newRequestId(), 'wechat', items));
      expect(Object.keys(created).sort()).toEqual(['amount', 'orderNo', 'qr', 'status']);
      expect(created).toMatchObject({ amount: 2 * 1200 + 2350, status: 'PAYING', qr: { content: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/qr\//) } });
      const stored = await h.order(created.orderNo);
      expect(stored).toMatchObject({ method: { kind: 'qr', channel: 'wechat' }, payment: { qrContent: created.qr.content } });

      await scanAnd(h, created.qr.content, 'pay');
      expect((await h.order(created.orderNo)).status).toBe('PAID');
      expect(ok(await h.call('pay', { action: 'status', orderNo: created.orderNo })).status).toBe('PAID');
      const events = await h.events(created.orderNo);
      expect(events.map((e) => `${e.kind}:${e.outcome}`)).toEqual(expect.arrayContaining(['notification:applied']));
      expect(await h.creates(created.orderNo)).toEqual([created.orderNo]);
      // Paid: a retry of the same checkout says so instead of showing the code again.
      expect((await createQr(h, stored.requestId, 'wechat', items)).error).toMatchObject({ code: 'ORDER_PAID' });
    });

    it('asks for the channel the shopper chose (Alipay), and a cancelled scan is closed by the shop', async () => {
      const h = harness();
      const created = ok(await createQr(h, newRequestId(), 'alipay'));
      expect(await (await fetch(created.qr.content)).text()).toContain('<h1 class="channel">支付宝</h1>');
      await scanAnd(h, created.qr.content, 'cancel');
      expect(ok(await h.call('pay', { action: 'status', orderNo: created.orderNo })).status).toBe('CLOSED');
    });

    it('a double tap is one order and one provider order, all answered with the same QR code', async () => {
      const h = harness();
      const before = h.profile.providerOrders(h.sandboxes);
      const requestId = newRequestId();
      const data = (await Promise.all(Array.from({ length: 5 }, () => createQr(h, requestId)))).map(ok);
      expect(new Set(data.map((d) => d.orderNo)).size).toBe(1);
      expect(new Set(data.map((d) => d.qr.content)).size).toBe(1);
      expect(h.profile.providerOrders(h.sandboxes) - before).toBe(1);
      expect(await h.creates(data[0].orderNo)).toEqual([data[0].orderNo]);
    });

    it('a later retry gets the QR code it kept, without a new provider order', async () => {
      const h = harness();
      const requestId = newRequestId();
      const first = ok(await createQr(h, requestId));
      const before = h.profile.providerOrders(h.sandboxes);
      expect(ok(await createQr(h, requestId))).toEqual(first);
      expect(h.profile.providerOrders(h.sandboxes)).toBe(before);
    });

    it('a requestId keeps its payment method and channel: JSAPI ↔ QR and WeChat ↔ Alipay are CONFLICT', async () => {
      const h = harness();
      const jsapiId = newRequestId();
      ok(await h.call('pay', { action: 'create', items: ITEMS, requestId: jsapiId }));
      const asQr = await createQr(h, jsapiId);
      expect(asQr.error).toMatchObject({ code: 'CONFLICT', retryable: false });
      expect(asQr.error?.message).toMatch(/requestId: already used for WeChat in-app payment, not QR payment \(wechat\)/);

      const qrId = newRequestId();
      ok(await createQr(h, qrId));
      const asJsapi = await h.call('pay', { action: 'create', items: ITEMS, requestId: qrId });
      expect(asJsapi.error).toMatchObject({ code: 'CONFLICT' });
      expect(asJsapi.error?.message).toMatch(/already used for QR payment \(wechat\), not WeChat in-app payment/);
      expect((await createQr(h, qrId, 'alipay')).error).toMatchObject({ code: 'CONFLICT' });
      expect((await createQr(h, qrId, 'wechat', [{ skuId: 'oolong', quantity: 1 }])).error).toMatchObject({ code: 'CONFLICT' });
    });

    it('refuses a missing or unknown channel, naming the field', async () => {
      const h = harness();
      const before = h.profile.providerOrders(h.sandboxes);
      const withoutChannel = { action: 'createQr', items: ITEMS, requestId: newRequestId() };
      const missing = await h.call('pay', withoutChannel);
      expect(missing.error).toMatchObject({ code: 'INVALID_ARGUMENT' });
      expect(missing.error?.message).toMatch(/channel/);
      for (const channel of ['unionpay', 2, 'WECHAT']) {
        const answer = await createQr(h, newRequestId(), channel);
        expect(answer.error).toMatchObject({ code: 'INVALID_ARGUMENT' });
        expect(answer.error?.message).toMatch(/channel/);
      }
      expect(h.profile.providerOrders(h.sandboxes)).toBe(before);
    });

    it('a create that times out leaves the order UNKNOWN; the retry resolves it and answers a fresh QR code that pays', async () => {
      const h = harness();
      h.sandboxes.providers.caibao?.faults.set('open.pay.scan', { kind: 'timeout' }, { times: 1 });
      const requestId = newRequestId();
      expect((await createQr(h, requestId)).error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
      const { data } = await h.cloud.database().collection('orders').where({ requestId }).get();
      const stuck = data[0] as unknown as { orderNo: string; status: string; payment: unknown };
      expect(stuck).toMatchObject({ status: 'UNKNOWN', payment: null });

      const retried = ok(await createQr(h, requestId));
      expect(retried.orderNo).not.toBe(stuck.orderNo);
      await scanAnd(h, retried.qr.content, 'pay');
      expect((await h.order(retried.orderNo)).status).toBe('PAID');
    });

    it('reconcile settles a QR payment whose notification never came, and closes an expired QR order here and at the provider', async () => {
      const h = harness();
      const sandbox = h.sandboxes.providers.caibao;
      if (!sandbox) throw new Error('no caibao sandbox');
      sandbox.notifier.setFault({ kind: 'drop' }, { times: 1 });
      const paid = ok(await createQr(h));
      await scanAnd(h, paid.qr.content, 'pay');
      expect((await h.order(paid.orderNo)).status).toBe('PAYING');
      await h.age(paid.orderNo, 6 * 60_000);

      const expired = ok(await createQr(h));
      await h.age(expired.orderNo, (ORDER_EXPIRY_MINUTES + 1) * 60_000);
      ok(await h.callTrusted('reconcile', {}));
      expect((await h.order(paid.orderNo)).status).toBe('PAID');
      expect((await h.order(expired.orderNo)).status).toBe('CLOSED');
      expect(await (await fetch(expired.qr.content)).text()).not.toContain('id="pay"');
    });

    it('the shopper can cancel an unpaid QR order (closed at the provider too)', async () => {
      const h = harness();
      const created = ok(await createQr(h));
      expect(ok(await h.call('orders', { action: 'cancel', orderNo: created.orderNo })).status).toBe('CLOSED');
      expect(await (await fetch(created.qr.content)).text()).not.toContain('id="pay"');
    });
  });
}

export function qrUnavailableScenarios(harness: () => Harness): void {
  describe('QR payment (not offered by this provider)', () => {
    it('capabilities says so, and createQr answers a clear error without making an order', async () => {
      const h = harness();
      expect(ok(await h.call('pay', { action: 'capabilities' }))).toEqual({ qrPayment: false });
      const before = h.profile.providerOrders(h.sandboxes);
      const requestId = newRequestId();
      const answer = await createQr(h, requestId);
      expect(answer.error).toEqual({ code: 'INVALID_ARGUMENT', message: `action: QR payment is not available with ${h.provider}`, retryable: false });
      const { data } = await h.cloud.database().collection('orders').where({ requestId }).get();
      expect(data).toHaveLength(0);
      expect(h.profile.providerOrders(h.sandboxes)).toBe(before);
    });
  });
}
