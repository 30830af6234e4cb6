import { ApiError } from '../../../client/services/api';
import { CONFIRM_SCHEDULE_MS, continuesSameOrder, isBusy, runCheckout, type CheckoutDeps, type CheckoutState } from '../../../client/services/checkout';
import type { Order, PaymentAnswer } from '../../../client/services/types';

const payment = { timeStamp: '1700000000', nonceStr: 'n', package: 'prepay_id=wx1', signType: 'MD5' as const, paySign: 'S' };
const answer: PaymentAnswer = { orderNo: 'A1', amount: 1200, status: 'PAYING', payment };
const order = (status: Order['status']): Order => ({ orderNo: 'A1', status, amount: 1200, description: 'd', lines: [], createdAt: 1, expiresAt: 2, refundedAmount: 0 });
const items = [{ skuId: 'green-tea', quantity: 1 }];

function deps(overrides: Partial<CheckoutDeps> = {}) {
  const sleeps: number[] = [];
  const base: CheckoutDeps = {
    createPayment: jest.fn(async () => answer),
    paymentStatus: jest.fn(async () => order('PAID')),
    openPaymentSheet: jest.fn(async () => ({ kind: 'ok' as const })),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...overrides,
  };
  return { deps: base, sleeps };
}

async function run(d: CheckoutDeps) {
  const states: CheckoutState[] = [];
  const final = await runCheckout(d, { items, requestId: 'req-12345678' }, (s) => states.push(s));
  return { final, steps: states.map((s) => s.step) };
}

describe('runCheckout', () => {
  it('creates the order with the attempt’s requestId, opens the sheet with the server’s pay params, then asks the server', async () => {
    const { deps: d } = deps();
    const { final, steps } = await run(d);
    expect(d.createPayment).toHaveBeenCalledWith(items, 'req-12345678');
    expect(d.openPaymentSheet).toHaveBeenCalledWith(payment);
    expect(d.paymentStatus).toHaveBeenCalledWith('A1');
    expect(steps).toEqual(['creating', 'paying', 'confirming', 'done']);
    expect(final).toEqual({ step: 'done', order: order('PAID') });
  });

  it('keeps asking while the server has not decided, and says "not confirmed" when the schedule runs out', async () => {
    const status = jest.fn(async () => order('PAYING'));
    const { deps: d, sleeps } = deps({ paymentStatus: status });
    const { final } = await run(d);
    expect(final).toEqual({ step: 'unconfirmed', orderNo: 'A1', amount: 1200 });
    expect(sleeps).toEqual(CONFIRM_SCHEDULE_MS);
    expect(status).toHaveBeenCalledTimes(CONFIRM_SCHEDULE_MS.length);
    expect(continuesSameOrder(final)).toBe(true);
  });

  it('shows the final word when it comes, closed included', async () => {
    const answers = [order('UNKNOWN'), order('PAYING'), order('CLOSED')];
    const { deps: d } = deps({ paymentStatus: jest.fn(async () => answers.shift()!) });
    expect((await run(d)).final).toEqual({ step: 'done', order: order('CLOSED') });
  });

  it('rides out a passing network failure while confirming, but stops at a refusal', async () => {
    const flaky = jest.fn().mockRejectedValueOnce(new ApiError('NETWORK', 'offline', true)).mockResolvedValue(order('PAID'));
    expect((await run(deps({ paymentStatus: flaky }).deps)).final.step).toBe('done');

    const refused = jest.fn().mockRejectedValue(new ApiError('NOT_FOUND', 'orderNo: no order A1'));
    expect((await run(deps({ paymentStatus: refused }).deps)).final).toEqual({ step: 'failed', orderNo: 'A1', retryable: false, message: 'orderNo: no order A1' });
  });

  it('a cancelled sheet keeps the order payable and asks the server nothing', async () => {
    const { deps: d } = deps({ openPaymentSheet: jest.fn(async () => ({ kind: 'cancel' as const })) });
    const { final } = await run(d);
    expect(final).toEqual({ step: 'cancelled', orderNo: 'A1', amount: 1200 });
    expect(d.paymentStatus).not.toHaveBeenCalled();
    expect(continuesSameOrder(final)).toBe(true);
  });

  it('a failed sheet is a failure with its reason; the next tap is a new checkout', async () => {
    const { deps: d } = deps({ openPaymentSheet: jest.fn(async () => ({ kind: 'fail' as const, reason: 'invalid paySign' })) });
    const { final } = await run(d);
    expect(final).toEqual({ step: 'failed', orderNo: 'A1', retryable: false, message: 'The payment did not go through: invalid paySign.' });
    expect(continuesSameOrder(final)).toBe(false);
  });

  it('a refused create shows the server’s message; a retryable one keeps the requestId for the retry', async () => {
    const refused = deps({ createPayment: jest.fn().mockRejectedValue(new ApiError('CONFLICT', 'items.0.skuId: Oolong is not available')) }).deps;
    const { final, steps } = await run(refused);
    expect(steps).toEqual(['creating', 'failed']);
    expect(final).toEqual({ step: 'failed', retryable: false, message: 'items.0.skuId: Oolong is not available' });
    expect(refused.openPaymentSheet).not.toHaveBeenCalled();

    const busy = deps({ createPayment: jest.fn().mockRejectedValue(new ApiError('PROVIDER_UNAVAILABLE', 'try again in a moment', true)) }).deps;
    expect(continuesSameOrder((await run(busy)).final)).toBe(true);
  });

  it('is busy from the tap until the sheet and the server have answered', () => {
    expect(['creating', 'paying', 'confirming'].map((step) => isBusy({ step } as CheckoutState))).toEqual([true, true, true]);
    expect(isBusy({ step: 'idle' })).toBe(false);
    expect(isBusy({ step: 'cancelled', orderNo: 'A1', amount: 1 })).toBe(false);
  });
});
