/**
 * The conformance suite: the same scenarios, over real HTTP, for every provider in the registry
 * against its own sandbox. A fourth provider registers and runs all of them; what it cannot do
 * (QR, refund numbers, signed answers) it declares, and the scenario checks the declaration.
 */
import type { Fault } from '../../../sandbox/common';
import { GatewayError, type ProviderOrderState } from '../../../server/gateways/contract';
import { registeredProviders } from '../../../server/gateways/registry';
import { toFen } from '../../../server/platform/money';
import { rejectedGatewayError } from '../../support/gateway-errors';
import { payer, startConformance, type Conformance } from './harness';

describe.each(registeredProviders())('%s conforms', (name) => {
  let c: Conformance;
  beforeAll(async () => {
    c = await startConformance(name);
    // One call first, so that the 300 ms deadline of a fault scenario is not spent opening the connection.
    await c.gateway.query(c.newOrder().orderNo).catch(() => undefined);
  });
  afterAll(() => c.close());
  afterEach(async () => {
    c.sandbox.faults.clear();
    await c.sandbox.notifier.idle();
    c.received.length = 0;
    c.merchantReplies.length = 0;
  });

  const createAndPay = async (amount?: number) => {
    const order = c.newOrder(amount);
    const payment = await c.gateway.createJsapi(order, payer);
    expect((await c.sandboxes.cashier.pay(payment.params)).errMsg).toBe('requestPayment:ok');
    return order;
  };
  const settled = async (orderNo: string, until: (s: ProviderOrderState) => boolean): Promise<ProviderOrderState> => {
    let state = await c.gateway.query(orderNo);
    for (let i = 0; i < 50 && !until(state); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      state = await c.gateway.query(orderNo);
    }
    return state;
  };

  describe('operations', () => {
    it('create: answers wx.requestPayment parameters the cashier accepts for this mini program', async () => {
      const order = c.newOrder();
      const payment = await c.gateway.createJsapi(order, payer);
      expect(payment.params).toEqual({
        timeStamp: expect.stringMatching(/^\d+$/),
        nonceStr: expect.any(String),
        package: expect.stringMatching(/^prepay_id=.+/),
        signType: expect.stringMatching(/^(MD5|HMAC-SHA256|RSA)$/),
        paySign: expect.any(String),
      });
      expect(c.entry.orderCount(c.sandbox)).toBeGreaterThan(0);
    });

    it('query: an unpaid order is PENDING, with our amount', async () => {
      const order = c.newOrder(1998);
      await c.gateway.createJsapi(order, payer);
      const state = await c.gateway.query(order.orderNo);
      expect(state).toMatchObject({ orderNo: order.orderNo, status: 'PENDING' });
      if (state.amount !== undefined) expect(state.amount).toBe(order.amount);
    });

    it('query: a paid order is PAID, with our amount', async () => {
      const order = await createAndPay(3100);
      const state = await settled(order.orderNo, (s) => s.status === 'PAID');
      expect(state).toMatchObject({ orderNo: order.orderNo, status: 'PAID', amount: order.amount });
    });

    it('close: an unpaid order is closed, and is never PAID or PENDING afterwards', async () => {
      const order = c.newOrder();
      const payment = await c.gateway.createJsapi(order, payer);
      await c.gateway.close(order.orderNo);
      const state = await c.gateway.query(order.orderNo);
      expect(['CLOSED', 'FAILED']).toContain(state.status);
      expect((await c.sandboxes.cashier.pay(payment.params)).errMsg).not.toBe('requestPayment:ok');
    });

    it('refund: a paid order refunds in full', async () => {
      const order = await createAndPay();
      await settled(order.orderNo, (s) => s.status === 'PAID');
      const refund = await c.gateway.refund({ orderNo: order.orderNo, refundNo: `${order.orderNo}R1`.slice(-c.module.orderNo.maxLength), orderAmount: order.amount, refundAmount: order.amount });
      expect(['SUCCEEDED', 'PENDING']).toContain(refund.status);
      expect(refund.refundAmount).toBe(order.amount);
      const state = await settled(order.orderNo, (s) => s.status === 'REFUNDED');
      expect(['REFUNDED', 'REFUNDING']).toContain(state.status);
    });

    it('refund: the declared number of refunds per order', async () => {
      const order = await createAndPay(3000);
      await settled(order.orderNo, (s) => s.status === 'PAID');
      const refundNo = (n: number) => `${order.orderNo}R${n}`.slice(-c.module.orderNo.maxLength);
      await c.gateway.refund({ orderNo: order.orderNo, refundNo: refundNo(1), orderAmount: order.amount, refundAmount: toFen(1000) });
      const second = c.gateway.refund({ orderNo: order.orderNo, refundNo: refundNo(2), orderAmount: order.amount, refundAmount: toFen(500) });
      if (c.module.capabilities.refundsPerOrder === 'many') await expect(second).resolves.toMatchObject({ refundAmount: 500 });
      else expect(await rejectedGatewayError(second)).toBeInstanceOf(GatewayError);
    });

    it('queryRefund exactly where refund numbers are declared', async () => {
      const gateway = c.gateway as { queryRefund?: (orderNo: string, refundNo: string) => Promise<{ refundNo: string }> };
      expect(typeof gateway.queryRefund === 'function').toBe(c.module.capabilities.refundNumbers);
      if (!gateway.queryRefund) return;
      const order = await createAndPay();
      await settled(order.orderNo, (s) => s.status === 'PAID');
      const refundNo = `${order.orderNo}R1`.slice(-c.module.orderNo.maxLength);
      await c.gateway.refund({ orderNo: order.orderNo, refundNo, orderAmount: order.amount, refundAmount: order.amount });
      await expect(gateway.queryRefund(order.orderNo, refundNo)).resolves.toMatchObject({ refundNo });
    });

    it('createQr exactly where QR payment is declared', async () => {
      expect(typeof c.gateway.createQr === 'function').toBe(c.module.capabilities.qr);
      if (!c.gateway.createQr) return;
      const qr = await c.gateway.createQr(c.newOrder(), 'wechat');
      expect(qr.qrContent.length).toBeGreaterThan(0);
    });
  });

  describe('notifications', () => {
    it('a payment is notified, read as declared (a verified state, or a hint to query), and acknowledged at once', async () => {
      const order = await createAndPay();
      await c.sandbox.notifier.idle();
      const mine = c.received.filter((r) => r.parsed && (r.parsed.kind === 'hint' ? r.parsed.orderNo : r.parsed.state.orderNo) === order.orderNo);
      expect(mine).toHaveLength(1);
      const parsed = mine[0]?.parsed;
      if (c.module.capabilities.signedNotifications) expect(parsed).toMatchObject({ kind: 'verified', state: { status: 'PAID', amount: order.amount } });
      else expect(parsed).toEqual({ kind: 'hint', orderNo: order.orderNo });
      const deliveries = c.sandbox.notifier.deliveries.filter((d) => d.body === mine[0]?.body);
      expect(deliveries).toEqual([expect.objectContaining({ attempt: 1, acknowledged: true })]);
    });

    it('a reply asking for a retry is not taken as an acknowledgement', async () => {
      c.merchantReplies.push(false);
      const order = await createAndPay();
      await c.sandbox.notifier.idle();
      const attempts = c.sandbox.notifier.deliveries.filter((d) => d.body.includes(order.orderNo));
      expect(attempts.map((d) => d.acknowledged)).toEqual([false, true]);
    });
  });

  describe('failures are classified the same way for every provider', () => {
    const cases: Array<[string, Fault, string, string]> = [
      ['HTTP 5xx', { kind: 'http5xx', status: 503 }, 'PROVIDER_UNAVAILABLE', 'unknown'],
      ['time-out', { kind: 'timeout' }, 'PROVIDER_UNAVAILABLE', 'unknown'],
      ['an answer after the deadline', { kind: 'delay', ms: 1_000 }, 'PROVIDER_UNAVAILABLE', 'unknown'],
      ['connection reset', { kind: 'reset' }, 'PROVIDER_UNAVAILABLE', 'unknown'],
      ['a malformed body', { kind: 'malformed' }, 'PROVIDER_UNAVAILABLE', 'unknown'],
    ];
    it.each(cases)('%s on create → %s / %s', async (_what, fault, code, outcome) => {
      c.sandbox.faults.set(c.entry.faultEndpoints.create, fault, { times: 1 });
      const err = await rejectedGatewayError(c.fast.createJsapi(c.newOrder(), payer));
      expect({ error: err instanceof GatewayError, code: err.code, outcome: err.outcome, provider: err.provider }).toEqual({ error: true, code, outcome, provider: name });
    });

    it.each(cases)('%s on query → %s / %s', async (_what, fault, code, outcome) => {
      c.sandbox.faults.set(c.entry.faultEndpoints.query, fault, { times: 1 });
      const err = await rejectedGatewayError(c.fast.query(c.newOrder().orderNo));
      expect({ code: err.code, outcome: err.outcome }).toEqual({ code, outcome });
    });

    it("the provider's own refusal → PROVIDER_REJECTED / rejected", async () => {
      c.sandbox.faults.set(c.entry.faultEndpoints.create, { kind: 'status', payload: c.entry.refusal }, { times: 1 });
      const err = await rejectedGatewayError(c.gateway.createJsapi(c.newOrder(), payer));
      expect({ code: err.code, outcome: err.outcome }).toEqual({ code: 'PROVIDER_REJECTED', outcome: 'rejected' });
    });

    it('nothing listening → PROVIDER_UNAVAILABLE / not_sent', async () => {
      const err = await rejectedGatewayError(c.unreachable.createJsapi(c.newOrder(), payer));
      expect({ code: err.code, outcome: err.outcome }).toEqual({ code: 'PROVIDER_UNAVAILABLE', outcome: 'not_sent' });
    });

    it('a query for an order the provider never had is a refusal, never an unknown outcome', async () => {
      const err = await rejectedGatewayError(c.gateway.query(c.newOrder().orderNo));
      expect(['NOT_FOUND', 'PROVIDER_REJECTED']).toContain(err.code);
      expect(err.outcome).toBe('rejected');
    });

    it('a forged answer is never believed (providers that sign answers)', async () => {
      if (!c.entry.forgeAnswer) return;
      const order = c.newOrder();
      await c.gateway.createJsapi(order, payer);
      const undo = c.entry.forgeAnswer(c.sandbox, c.entry.faultEndpoints.query);
      try {
        const err = await rejectedGatewayError(c.gateway.query(order.orderNo));
        expect({ code: err.code, outcome: err.outcome }).toEqual({ code: 'SIGNATURE_INVALID', outcome: 'unknown' });
      } finally {
        undo();
      }
    });
  });
});
