/**
 * Walks the state table: every move in it is driven here through the code that makes it (our
 * create call, our close, a provider's report, our refund call), and every status but REFUNDED has
 * a way out. A move added to the table without a driver below fails this test.
 */
import { LocalDatabase } from '../../../sandbox/cloud/database';
import { GatewayError, type JsapiPayment, type PaymentGateway, type ProviderOrderState, type ProviderStatus, type RefundResult } from '../../../server/gateways/contract';
import { setLogSink } from '../../../server/platform/log';
import { toFen, type Fen } from '../../../server/platform/money';
import { closeOrder } from '../../../server/orders/closing';
import { createOrderContext, type OrderContext } from '../../../server/orders/context';
import { ORDERS, orderIdFor, type Order } from '../../../server/orders/model';
import { resolveUnknown, resumePayment } from '../../../server/orders/payments';
import { refund } from '../../../server/orders/refunds';
import { settle } from '../../../server/orders/settlement';
import { MOVES, ORDER_STATUSES, type Move, type OrderStatus } from '../../../server/orders/states';

const AMOUNT = 1000;
const ID = orderIdFor('o', 'request-1');
const PARAMS = { timeStamp: '1', nonceStr: 'n', package: 'prepay_id=p', signType: 'MD5' as const, paySign: 's' };

/** What the provider does in one walk. */
interface Script {
  create?: () => Promise<JsapiPayment>;
  /** Create calls made. */
  creates?: number;
  query?: ProviderStatus | 'not_found';
  refund?: () => Promise<RefundResult>;
}

function gatewayFor(script: Script): PaymentGateway {
  return {
    name: 'quickpay',
    orderNoPrefix: '',
    createJsapi: () => {
      script.creates = (script.creates ?? 0) + 1;
      return (script.create ?? (() => Promise.resolve({ params: PARAMS })))();
    },
    query: async (orderNo: string): Promise<ProviderOrderState> => {
      if (script.query === undefined || script.query === 'not_found') throw new GatewayError('quickpay', 'NOT_FOUND', 'no such order', 'rejected', { retryable: false });
      return { orderNo, status: script.query, rawStatus: script.query, amount: toFen(AMOUNT) };
    },
    close: () => Promise.resolve(),
    refund: (script.refund ?? (() => Promise.reject(new Error('no refund expected')))),
    parseNotification: () => {
      throw new Error('not used');
    },
    acknowledge: () => ({ statusCode: 200, headers: {}, body: '' }),
  };
}

function order(status: OrderStatus, extra: Partial<Order> = {}): Order {
  const paid = ['PAID', 'REFUNDING', 'PARTIALLY_REFUNDED', 'REFUNDED'].includes(status);
  return {
    _id: ID,
    orderNo: 'N1',
    previousOrderNos: [],
    openid: 'o',
    appId: 'wx',
    requestId: 'request-1',
    provider: 'quickpay',
    lines: [{ skuId: 'tea', name: 'Tea', unitPrice: toFen(AMOUNT), quantity: 1 }],
    amount: AMOUNT as Fen,
    description: 'd',
    status,
    attemptId: status === 'CREATED' ? null : 'a1',
    payment: status === 'PAYING' ? { params: PARAMS } : null,
    createdAt: 1,
    updatedAt: Date.now(),
    expiresAt: Date.now() + 60_000,
    refundedAmount: (status === 'PARTIALLY_REFUNDED' ? 300 : 0) as Fen,
    refunds: [],
    ...(paid ? { paidAt: 2, paidOrderNo: 'N1' } : {}),
    ...extra,
  };
}

type Driver = (ctx: OrderContext, script: Script) => Promise<unknown>;
interface Walk {
  start: Order;
  script: Script;
  drive: Driver;
}

const refundResult = (status: RefundResult['status'], amount: number) => () => Promise.resolve({ refundNo: 'RF1', status, rawStatus: status, refundAmount: toFen(amount) });
const pendingRefund = (amount: number, before: OrderStatus) =>
  order('REFUNDING', {
    statusBeforeRefund: before,
    refundedAmount: (before === 'PARTIALLY_REFUNDED' ? 300 : 0) as Fen,
    refunds: [{ refundNo: 'RF1', amount: amount as Fen, status: 'PENDING', requestedAt: 1, callingUntil: 0 }],
  });
const resume: Driver = (ctx) => resumePayment(ctx, 'o', 'request-1', [{ skuId: 'tea', quantity: 1 }], { kind: 'jsapi' }).catch(() => undefined);
const failingCreate = (outcome: 'unknown' | 'not_sent' | 'rejected') => () =>
  Promise.reject(new GatewayError('quickpay', 'PROVIDER_UNAVAILABLE', 'failed', outcome, { retryable: outcome !== 'rejected' }));

/** How each move of the table is made, by `${by} ${from} → ${to}`. */
function walkFor(move: Move): Walk | undefined {
  const { from, to, by } = move;
  if (by === 'provider') {
    const status: Record<string, ProviderStatus> = { PAID: 'PAID', CLOSED: 'CLOSED', FAILED: 'FAILED', REFUNDED: 'REFUNDED', PARTIALLY_REFUNDED: 'PARTIALLY_REFUNDED' };
    const reported = status[to];
    if (!reported) return undefined;
    const start = order(from);
    return { start, script: {}, drive: (ctx) => settle(ctx, start, { orderNo: 'N1', status: reported, rawStatus: reported, amount: toFen(AMOUNT), ...(to === 'PARTIALLY_REFUNDED' ? { refundedAmount: toFen(500) } : {}) }, 'query') };
  }
  if (by === 'close') return { start: order(from), script: { query: from === 'UNKNOWN' ? 'not_found' : 'PENDING' }, drive: (ctx) => closeOrder(ctx, order(from)) };
  if (by === 'create') {
    if (from === 'CREATED' && to === 'PAYING') return { start: order('CREATED'), script: {}, drive: resume };
    if (from === 'PAYING') {
      // A retried create of a CREATED order, whose call fails so.
      const outcome = ({ UNKNOWN: 'unknown', CREATED: 'not_sent', FAILED: 'rejected' } as const)[to as 'UNKNOWN' | 'CREATED' | 'FAILED'];
      return { start: order('CREATED'), script: { create: failingCreate(outcome) }, drive: resume };
    }
    if (from === 'UNKNOWN' && to === 'CREATED') return { start: order('UNKNOWN'), script: { query: 'PENDING' }, drive: (ctx) => resolveUnknown(ctx, order('UNKNOWN')) };
  }
  if (by === 'refund') {
    if (to === 'REFUNDING') return { start: order(from), script: { refund: refundResult('PENDING', 200) }, drive: (ctx) => refund(ctx, { orderNo: 'N1', refundNo: 'RF1', amount: toFen(200) }) };
    if (from === 'REFUNDING') {
      const [amount, before, result] = ({ REFUNDED: [AMOUNT, 'PAID', 'SUCCEEDED'], PARTIALLY_REFUNDED: [200, 'PAID', 'SUCCEEDED'], PAID: [200, 'PAID', 'FAILED'] } as const)[to as 'REFUNDED' | 'PARTIALLY_REFUNDED' | 'PAID'];
      const failed = () => Promise.reject(new GatewayError('quickpay', 'PROVIDER_REJECTED', 'refused', 'rejected', { retryable: false }));
      return { start: pendingRefund(amount, before), script: { refund: result === 'FAILED' ? failed : refundResult(result, amount) }, drive: (ctx) => refund(ctx, { orderNo: 'N1', refundNo: 'RF1' }).catch(() => undefined) };
    }
  }
  return undefined;
}

describe('the state table, walked', () => {
  let db: LocalDatabase;
  beforeEach(() => {
    db = new LocalDatabase();
    setLogSink(() => {});
  });
  afterEach(() => db.close());

  it('leaves no status but REFUNDED without a way out', () => {
    const stuck = ORDER_STATUSES.filter((status) => !MOVES.some((move) => move.from === status));
    expect(stuck).toEqual(['REFUNDED']);
  });

  it.each(MOVES.map((move) => [`${move.by}: ${move.from} → ${move.to}`, move] as const))('drives %s', async (_name, move) => {
    const walk = walkFor(move);
    if (!walk) throw new Error(`no driver for ${move.by} ${move.from} → ${move.to}: add one`);
    await db.collection(ORDERS).add({ data: { ...walk.start } });
    const ctx = createOrderContext(db, gatewayFor(walk.script), { shopName: 'S', orderExpiryMs: 60_000, createWaitMs: 0, createLeaseMs: 60_000, statusQueryIntervalMs: 0, callDeadlineMs: 1_000 });
    await walk.drive(ctx, walk.script);
    const after = (await db.collection(ORDERS).doc(ID).get()).data as unknown as Order;
    expect(after.status).toBe(move.to);
    // The moves out of PAYING start from a CREATED order: the create call is what took it through PAYING.
    if (move.from === 'PAYING' && move.by === 'create') expect(walk.script.creates).toBe(1);
  });

  it('settles an UNKNOWN order the provider reports refunded, so a retried pay answers ORDER_PAID instead of "busy"', async () => {
    await db.collection(ORDERS).add({ data: { ...order('UNKNOWN') } });
    const ctx = createOrderContext(db, gatewayFor({ query: 'REFUNDED' }), { shopName: 'S', orderExpiryMs: 60_000, createWaitMs: 0, createLeaseMs: 60_000, statusQueryIntervalMs: 0 });
    await expect(resumePayment(ctx, 'o', 'request-1', [{ skuId: 'tea', quantity: 1 }], { kind: 'jsapi' })).rejects.toMatchObject({ code: 'ORDER_PAID' });
    expect((await db.collection(ORDERS).doc(ID).get()).data).toMatchObject({ status: 'REFUNDED', refundedAmount: AMOUNT, paidOrderNo: 'N1' });
  });
});
