import { ApiError } from '../../../client/services/api';
import type { CheckoutState } from '../../../client/services/checkout';
import { QR_POLL_FIRST_MS, QR_POLL_MS, QR_POLLS, runQrCheckout, type QrCheckoutDeps } from '../../../client/services/qr-checkout';
import type { Order, QrAnswer } from '../../../client/services/types';

const answer: QrAnswer = { orderNo: 'Q1', amount: 1200, status: 'PAYING', qr: { content: 'http://127.0.0.1:9/qr/CB1' } };
const order = (status: Order['status']): Order => ({ orderNo: 'Q1', status, amount: 1200, description: 'd', lines: [], createdAt: 1, expiresAt: 2, refundedAmount: 0 });
const attempt = { items: [{ skuId: 'green-tea', quantity: 1 }], requestId: 'req-12345678', channel: 'wechat' as const };

function deps(statuses: Array<Order['status'] | Error>, overrides: Partial<QrCheckoutDeps> = {}) {
  const sleeps: number[] = [];
  const base: QrCheckoutDeps = {
    createQrPayment: jest.fn(async () => answer),
    paymentStatus: jest.fn(async () => {
      const next = statuses.length > 1 ? statuses.shift()! : statuses[0]!;
      if (next instanceof Error) throw next;
      return order(next);
    }),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...overrides,
  };
  return { deps: base, sleeps };
}

async function run(d: QrCheckoutDeps, stopped?: () => boolean) {
  const states: CheckoutState[] = [];
  const final = await runQrCheckout(d, attempt, (s) => states.push(s), stopped);
  return { final, states };
}

describe('runQrCheckout', () => {
  it('creates the QR order, shows the code, and asks the server until it says PAID', async () => {
    const { deps: d, sleeps } = deps(['PAYING', 'PAYING', 'PAID']);
    const { final, states } = await run(d);
    expect(d.createQrPayment).toHaveBeenCalledWith(attempt.items, 'req-12345678', 'wechat');
    expect(states.map((s) => s.step)).toEqual(['creating', 'scanning', 'done']);
    expect(states[1]).toEqual({ step: 'scanning', orderNo: 'Q1', amount: 1200, qrContent: answer.qr.content });
    expect(final).toEqual({ step: 'done', order: order('PAID') });
    expect(sleeps).toEqual([QR_POLL_FIRST_MS, QR_POLL_MS, QR_POLL_MS]);
  });

  it('ends with the server’s word when the order is closed (the payer cancelled, or it expired)', async () => {
    const { final } = await run(deps(['CLOSED']).deps);
    expect(final).toEqual({ step: 'done', order: order('CLOSED') });
  });

  it('asks again after a passing failure, and stops at a refusal', async () => {
    expect((await run(deps([new ApiError('NETWORK', 'offline', true), 'PAID']).deps)).final.step).toBe('done');
    const refused = await run(deps([new ApiError('NOT_FOUND', 'orderNo: no order Q1')]).deps);
    expect(refused.final).toEqual({ step: 'failed', orderNo: 'Q1', retryable: false, message: '没有找到这笔订单，请到“我的订单”查看。' });
  });

  it('a failed create is shown, retryable when the server says so', async () => {
    const d = deps(['PAID'], { createQrPayment: jest.fn(async () => Promise.reject(new ApiError('INVALID_ARGUMENT', 'action: QR payment is not available with quickpay'))) }).deps;
    expect((await run(d)).final).toEqual({ step: 'failed', retryable: false, message: '订单信息有误，请返回首页重新下单。' });
    expect(d.paymentStatus).not.toHaveBeenCalled();
  });

  it('the shopper stops waiting: cancelled, the order still payable', async () => {
    const d = deps(['PAYING']).deps;
    let polls = 0;
    const { final } = await run(d, () => ++polls > 2);
    expect(final).toEqual({ step: 'cancelled', orderNo: 'Q1', amount: 1200 });
    expect(d.paymentStatus).toHaveBeenCalledTimes(2);
  });

  it('gives up asking after the schedule: unconfirmed (check again later)', async () => {
    const { deps: d, sleeps } = deps(['PAYING']);
    expect((await run(d)).final).toEqual({ step: 'unconfirmed', orderNo: 'Q1', amount: 1200 });
    expect(sleeps).toHaveLength(QR_POLLS);
  });
});
