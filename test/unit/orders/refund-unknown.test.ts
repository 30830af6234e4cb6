/**
 * A refund whose answer is lost must never be sent again on a guess. The provider double behaves
 * like Caibao v1 (no refund number: the adapter reads the order's refunded amount and sends only
 * when nothing is refunded), and its refund lands after the caller's deadline — the observed
 * defect: an immediate retry read "nothing refunded" while the first request was still in flight,
 * sent again, and 200 fen were refunded for 100 asked.
 */
import { LocalDatabase } from '../../../sandbox/cloud/database';
import { GatewayError, type PaymentGateway, type ProviderOrderState, type RefundRequest, type RefundResult } from '../../../server/gateways/contract';
import { setLogSink } from '../../../server/platform/log';
import { toFen, type Fen } from '../../../server/platform/money';
import { createOrderContext, lateAnswerWindowMs, type OrderContext, type OrderSettings } from '../../../server/orders/context';
import { ORDERS, type Order } from '../../../server/orders/model';
import { reconcile } from '../../../server/orders/reconcile';
import { refund } from '../../../server/orders/refunds';
import { storedOrder } from '../../support/orders';

const DEADLINE_MS = 10_000;
const settings: OrderSettings = { shopName: 'S', orderExpiryMs: 60_000, createWaitMs: 0, createLeaseMs: 150_000, statusQueryIntervalMs: 3_000, callDeadlineMs: DEADLINE_MS };

/** Caibao-like: one refunded amount per order, read before sending; `lateAnswers` = sends whose answer is lost and which land when `land()` is called. */
function caibaoLike(amount: number) {
  let refunded = 0;
  let lateAnswers = 0;
  let hangs = 0;
  const inFlight: number[] = [];
  const sends: RefundRequest[] = [];
  let queryFails = false;
  const state = (orderNo: string): ProviderOrderState => ({
    orderNo,
    status: refunded === 0 ? 'PAID' : refunded === amount ? 'REFUNDED' : 'PARTIALLY_REFUNDED',
    rawStatus: String(refunded),
    amount: toFen(amount),
    refundedAmount: toFen(refunded),
  });
  const gateway = {
    name: 'caibao',
    orderNoPrefix: '',
    query: async (orderNo: string) => {
      if (queryFails) throw new GatewayError('caibao', 'PROVIDER_UNAVAILABLE', 'no answer', 'unknown');
      return state(orderNo);
    },
    refund: async (request: RefundRequest): Promise<RefundResult> => {
      // The adapter's own "already refunded?" read, then the send.
      if (refunded === request.refundAmount) return { refundNo: request.refundNo, status: 'SUCCEEDED', rawStatus: 'ALL', refundAmount: request.refundAmount };
      if (refunded !== 0) throw new GatewayError('caibao', 'CONFLICT', 'another refund', 'rejected');
      sends.push(request);
      if (hangs > 0) {
        // The caller dies mid-call: no answer, nothing after the call runs; the request may land later.
        hangs -= 1;
        inFlight.push(request.refundAmount);
        return new Promise<RefundResult>(() => undefined);
      }
      if (lateAnswers > 0) {
        lateAnswers -= 1;
        inFlight.push(request.refundAmount);
        throw new GatewayError('caibao', 'PROVIDER_UNAVAILABLE', `no answer within ${DEADLINE_MS} ms`, 'unknown');
      }
      refunded += request.refundAmount;
      return { refundNo: request.refundNo, status: 'SUCCEEDED', rawStatus: 'PART', refundAmount: request.refundAmount };
    },
  } as unknown as PaymentGateway;
  return {
    gateway,
    sends,
    refunded: () => refunded,
    loseAnswers: (n: number) => (lateAnswers = n),
    hangOnce: () => (hangs = 1),
    /** The requests in flight are processed by the provider now (their answers were lost). */
    land: () => {
      for (const value of inFlight.splice(0)) refunded += value;
    },
    failQueries: (fails: boolean) => (queryFails = fails),
  };
}

function paidOrder(): Order {
  return storedOrder({ requestId: 'r', provider: 'caibao', amount: 1000 as Fen, status: 'PAID', expiresAt: 2, paidAt: 2 });
}

describe('a refund whose outcome is unknown', () => {
  let db: LocalDatabase;
  let now: number;
  let provider: ReturnType<typeof caibaoLike>;
  let ctx: OrderContext;
  beforeEach(async () => {
    db = new LocalDatabase();
    setLogSink(() => {});
    now = 1_000_000;
    provider = caibaoLike(1000);
    ctx = createOrderContext(db, provider.gateway, settings, () => now);
    await db.collection(ORDERS).add({ data: { ...paidOrder() } });
  });
  afterEach(() => db.close());
  const stored = async () => (await db.collection(ORDERS).doc('o1').get()).data as unknown as Order;
  const ask = () => refund(ctx, { orderNo: 'N1', refundNo: 'RF1', amount: toFen(100) });

  it('is not sent again by an immediate retry while the first request may still land (asked 100, refunded 100)', async () => {
    provider.loseAnswers(1);
    await expect(ask()).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
    // The shopper's merchant retries at once, and again: the first request is still in flight.
    expect(await ask()).toMatchObject({ status: 'PENDING', orderStatus: 'REFUNDING' });
    now += DEADLINE_MS;
    expect(await ask()).toMatchObject({ status: 'PENDING' });
    provider.land();
    expect(provider.sends).toHaveLength(1);
    // Once the first request's answer can no longer arrive, a query decides: it was refunded.
    now += lateAnswerWindowMs(settings);
    expect(await ask()).toMatchObject({ status: 'SUCCEEDED', orderStatus: 'PARTIALLY_REFUNDED', refundedAmount: 100 });
    expect(provider.sends).toHaveLength(1);
    expect(provider.refunded()).toBe(100);
    expect(await stored()).toMatchObject({ status: 'PARTIALLY_REFUNDED', refundedAmount: 100 });
  });

  it('is sent again only after a query proves nothing was refunded, and reconcile does it too', async () => {
    provider.loseAnswers(1);
    await expect(ask()).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
    // The lost request never reached the provider's books.
    provider.failQueries(true);
    now += lateAnswerWindowMs(settings) + 1;
    // No answer to the query: still unknown, nothing sent.
    expect(await ask()).toMatchObject({ status: 'PENDING' });
    expect(provider.sends).toHaveLength(1);
    provider.failQueries(false);
    now += 1;
    const summary = await reconcile(ctx, { staleAfterMs: 0, batchSize: 10 });
    expect(summary.refundsRetried).toBe(1);
    expect(provider.sends).toHaveLength(2);
    expect(provider.refunded()).toBe(100);
    expect(await stored()).toMatchObject({ status: 'PARTIALLY_REFUNDED', refundedAmount: 100, refunds: [expect.objectContaining({ refundNo: 'RF1', status: 'SUCCEEDED' })] });
  });

  describe('when the caller dies during the call (a slow provider: a 60 s deadline, longer than the lease less its window)', () => {
    const slow: OrderSettings = { ...settings, callDeadlineMs: 60_000 };
    const untilItCannotLand = 60_000 + lateAnswerWindowMs(slow);
    const diesMidCall = async () => {
      ctx = createOrderContext(db, provider.gateway, slow, () => now);
      provider.hangOnce();
      void ask();
      while (provider.sends.length === 0) await new Promise((resolve) => setImmediate(resolve));
    };

    it('is not sent again while that call may still land, then a query finds it refunded (asked 100, refunded 100)', async () => {
      await diesMidCall();
      now += slow.createLeaseMs + 1;
      expect(await ask()).toMatchObject({ status: 'PENDING', orderStatus: 'REFUNDING' });
      expect(await reconcile(ctx, { staleAfterMs: 0, batchSize: 10 })).toMatchObject({ refundsRetried: 1 });
      expect(provider.sends).toHaveLength(1);
      // The dead caller's request is processed late, within its deadline and window.
      provider.land();
      now += untilItCannotLand;
      expect(await ask()).toMatchObject({ status: 'SUCCEEDED', orderStatus: 'PARTIALLY_REFUNDED', refundedAmount: 100 });
      expect(provider.sends).toHaveLength(1);
      expect(provider.refunded()).toBe(100);
      expect((await stored()).refunds[0]).not.toHaveProperty('unknownSince');
    });

    it('is sent again, once, after a query proves the dead call refunded nothing', async () => {
      await diesMidCall();
      now += untilItCannotLand + 1;
      expect(await ask()).toMatchObject({ status: 'SUCCEEDED', refundedAmount: 100 });
      expect(provider.sends).toHaveLength(2);
      expect(provider.refunded()).toBe(100);
    });
  });

  it('keeps a refund that was never sent (connection refused) free to be asked again at once', async () => {
    let refusals = 1;
    const refundOnce = provider.gateway.refund.bind(provider.gateway);
    ctx.gateway = {
      ...provider.gateway,
      refund: async (request: RefundRequest) => {
        if (refusals-- > 0) throw new GatewayError('caibao', 'PROVIDER_UNAVAILABLE', 'connection refused', 'not_sent');
        return refundOnce(request);
      },
    };
    await expect(ask()).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
    expect(await ask()).toMatchObject({ status: 'SUCCEEDED', refundedAmount: 100 });
    expect(provider.refunded()).toBe(100);
  });
});
