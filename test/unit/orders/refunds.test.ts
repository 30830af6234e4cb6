import { LocalDatabase } from '../../../sandbox/cloud/database';
import type { PaymentGateway, RefundRequest, RefundResult } from '../../../server/gateways/contract';
import { toFen, type Fen } from '../../../server/platform/money';
import { setLogSink } from '../../../server/platform/log';
import { createOrderContext, type OrderContext } from '../../../server/orders/context';
import { PAYMENT_EVENTS } from '../../../server/orders/events';
import { ORDERS, type Order } from '../../../server/orders/model';
import { refund, refundDoublePayments } from '../../../server/orders/refunds';
import { settle } from '../../../server/orders/settlement';
import { storedOrder } from '../../support/orders';

/** A provider that refunds once per refund number (a repeated number answers the first result). */
function refundingGateway(beforeAnswer: (request: RefundRequest) => Promise<void> = async () => {}, prefix = '') {
  const done = new Map<string, RefundResult>();
  const calls: RefundRequest[] = [];
  const gateway = new Proxy({ name: 'caibao', orderNoPrefix: prefix } as PaymentGateway, {
    get: (target, key) => {
      if (key === 'refund') {
        return async (request: RefundRequest): Promise<RefundResult> => {
          calls.push(request);
          await beforeAnswer(request);
          const earlier = done.get(request.refundNo);
          if (earlier) return earlier;
          const result: RefundResult = { refundNo: request.refundNo, status: 'SUCCEEDED', rawStatus: 'OK', refundAmount: request.refundAmount };
          done.set(request.refundNo, result);
          return result;
        };
      }
      return key in target ? target[key as keyof PaymentGateway] : () => Promise.reject(new Error(`unexpected call ${String(key)}`));
    },
  });
  return { gateway, calls };
}

function paidOrder(id: string, orderNo: string): Order {
  return storedOrder({ _id: id, orderNo, provider: 'caibao', amount: 1000 as Fen, status: 'PAID', paidAt: 2 });
}

describe('refunds', () => {
  let db: LocalDatabase;
  beforeEach(async () => {
    db = new LocalDatabase();
    setLogSink(() => {});
    await db.collection(ORDERS).add({ data: { ...paidOrder('o1', 'N1') } });
    await db.collection(ORDERS).add({ data: { ...paidOrder('o2', 'N2') } });
  });
  afterEach(() => db.close());
  const stored = async (id: string) => (await db.collection(ORDERS).doc(id).get()).data as unknown as Order;
  const contextWith = (gateway: PaymentGateway): OrderContext =>
    createOrderContext(db, gateway, { shopName: 'S', orderExpiryMs: 60_000, createWaitMs: 0, createLeaseMs: 60_000, statusQueryIntervalMs: 3_000 });

  it('settles its own refund when the provider reports the refund before answering the call', async () => {
    const { gateway } = refundingGateway(async () => {
      // The provider's refund notification (or a query) arrives while our refund call is still out.
      await settle(ctx, await stored('o1'), { orderNo: 'N1', status: 'PARTIALLY_REFUNDED', rawStatus: 'PART_REFUND', amount: toFen(1000), refundedAmount: toFen(300) }, 'signed_notification');
    });
    const ctx = contextWith(gateway);
    const answer = await refund(ctx, { orderNo: 'N1', refundNo: 'RF1', amount: toFen(300) });
    expect(answer).toMatchObject({ status: 'SUCCEEDED', orderStatus: 'PARTIALLY_REFUNDED', refundedAmount: 300 });
    const order = await stored('o1');
    expect(order).toMatchObject({ status: 'PARTIALLY_REFUNDED', refundedAmount: 300 });
    expect(order.refunds.map((entry) => entry.status)).toEqual(['SUCCEEDED']);
  });

  it('gives a refund number to one order only, also when two orders ask for it at once', async () => {
    const { gateway, calls } = refundingGateway();
    const ctx = contextWith(gateway);
    const answers = await Promise.allSettled([
      refund(ctx, { orderNo: 'N1', refundNo: 'RFSAME', amount: toFen(400) }),
      refund(ctx, { orderNo: 'N2', refundNo: 'RFSAME', amount: toFen(400) }),
    ]);
    expect(answers.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    const refused = answers.find((a): a is PromiseRejectedResult => a.status === 'rejected');
    expect(refused?.reason).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('refundNo') });
    expect(calls).toHaveLength(1);
    const refunded = [await stored('o1'), await stored('o2')].map((order) => order.refundedAmount);
    expect(refunded.sort()).toEqual([0, 400]);
  });

  it('refuses a refund number that reaches the provider as one already used (same number under the prefix)', async () => {
    const { gateway, calls } = refundingGateway(async () => {}, 'X');
    const ctx = contextWith(gateway);
    await refund(ctx, { orderNo: 'N1', refundNo: '123', amount: toFen(100) });
    await expect(refund(ctx, { orderNo: 'N1', refundNo: 'X123', amount: toFen(100) })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(refund(ctx, { orderNo: 'N2', refundNo: 'X123', amount: toFen(100) })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(calls.map((call) => call.refundNo)).toEqual(['X123']);
    expect((await stored('o1')).refundedAmount).toBe(100);
    // The same refund asked again is still answered.
    expect(await refund(ctx, { orderNo: 'N1', refundNo: '123' })).toMatchObject({ status: 'SUCCEEDED', amount: 100 });
  });
  it('keeps the numbers of an order but the one it was paid on for the refunds of payments made on them (double payments)', async () => {
    const { gateway, calls } = refundingGateway();
    const ctx = contextWith(gateway);
    // Paid on N0, a number retired after a lost create answer; N3, its current number, may still be paid too.
    await db.collection(ORDERS).add({ data: { ...paidOrder('o3', 'N3'), previousOrderNos: ['N0'], paidOrderNo: 'N0' } });
    // A back office that refunds under the order number it shows is refused before anything is sent...
    await expect(refund(ctx, { orderNo: 'N3', refundNo: 'N3', amount: toFen(100) })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('refundNo') });
    expect(calls).toEqual([]);
    // ...so that the shopper's payment on N3 as well, refunded under that number, does come back.
    expect(await settle(ctx, await stored('o3'), { orderNo: 'N3', status: 'PAID', rawStatus: 'PAID', amount: toFen(1000) }, 'query')).toBe('double_payment');
    expect(await refundDoublePayments(ctx, await stored('o3'))).toEqual([expect.objectContaining({ refundNo: 'N3', status: 'SUCCEEDED', amount: 1000 })]);
    expect(calls.map((call) => [call.orderNo, call.refundNo, call.refundAmount])).toEqual([['N3', 'N3', 1000]]);
    // The number it was paid on is the merchant's to use.
    expect(await refund(ctx, { orderNo: 'N3', refundNo: 'N0', amount: toFen(100) })).toMatchObject({ status: 'SUCCEEDED', refundedAmount: 100 });
    expect(calls.map((call) => [call.orderNo, call.refundNo])).toEqual([
      ['N3', 'N3'],
      ['N0', 'N0'],
    ]);
  });
  it('refunds only what the provider has not refunded yet of a double payment, and nothing of one it refunded in full', async () => {
    const { gateway, calls } = refundingGateway();
    const ctx = contextWith(gateway);
    await db.collection(ORDERS).add({ data: { ...paidOrder('o3', 'N3'), previousOrderNos: ['N0', 'M0'], paidOrderNo: 'N3' } });
    const report = (orderNo: string, status: 'REFUNDED' | 'PARTIALLY_REFUNDED', refundedAmount: number) => ({ orderNo, status, rawStatus: status, amount: toFen(1000), refundedAmount: toFen(refundedAmount) });
    expect(await settle(ctx, await stored('o3'), report('N0', 'PARTIALLY_REFUNDED', 400), 'query')).toBe('double_payment');
    expect(await settle(ctx, await stored('o3'), report('M0', 'REFUNDED', 1000), 'query')).toBe('double_payment');
    expect(await refundDoublePayments(ctx, await stored('o3'))).toEqual([expect.objectContaining({ refundNo: 'N0', status: 'SUCCEEDED', amount: 600 })]);
    expect(calls.map((call) => [call.orderNo, call.refundNo, call.refundAmount])).toEqual([['N0', 'N0', 600]]);
  });
  it('tells the merchant when the provider says a refund needs a person (the card refused it: pay the shopper by hand)', async () => {
    const logs: string[] = [];
    setLogSink((line) => logs.push(line));
    const action = 'the shopper’s card refused the refund; the money is back in the merchant’s account: pay the shopper by hand';
    const gateway = new Proxy({ name: 'tencent', orderNoPrefix: '' } as PaymentGateway, {
      get: (target, key) => {
        if (key === 'refund') {
          return async (request: RefundRequest): Promise<RefundResult> => ({ refundNo: request.refundNo, status: 'FAILED', rawStatus: '5', refundAmount: request.refundAmount, manualActionRequired: action });
        }
        return key in target ? target[key as keyof PaymentGateway] : () => Promise.reject(new Error(`unexpected call ${String(key)}`));
      },
    });
    const answer = await refund(contextWith(gateway), { orderNo: 'N1', refundNo: 'RF1', amount: toFen(300) });
    expect(answer).toMatchObject({ status: 'FAILED', orderStatus: 'PAID', refundedAmount: 0 });
    expect(logs.filter((line) => line.includes('ALERT') && line.includes('pay the shopper by hand'))).toHaveLength(1);
    const recorded = (await db.collection(PAYMENT_EVENTS).where({ kind: 'refund', refundNo: 'RF1' }).get()).data;
    expect(recorded).toEqual([expect.objectContaining({ refundStatus: 'FAILED', message: action })]);
  });
});
