import { ApiError } from '../../../client/services/api';
import { confirm, CONFIRM_SCHEDULE_MS, CONFIRM_WITHIN_MS } from '../../../client/services/checkout';
import type { Order } from '../../../client/services/types';

const order = (status: Order['status']): Order => ({ orderNo: 'A1', status, amount: 1200, description: 'd', lines: [], createdAt: 1, expiresAt: 2, refundedAmount: 0 });

/** A status function answering these in turn (the last repeats); an Error is thrown. */
function statuses(answers: Array<Order['status'] | Error>) {
  const sleeps: number[] = [];
  const paymentStatus = jest.fn(async () => {
    const next = answers.length > 1 ? answers.shift()! : answers[0]!;
    if (next instanceof Error) throw next;
    return order(next);
  });
  return { deps: { paymentStatus, sleep: async (ms: number) => void sleeps.push(ms) }, sleeps, paymentStatus };
}

describe('confirm (after the sheet said ok)', () => {
  it('asks until the server says PAID, quickly at first', async () => {
    const s = statuses(['PAYING', 'PAYING', 'PAID']);
    expect(await confirm(s.deps, 'A1', 1200)).toEqual({ step: 'done', order: order('PAID') });
    expect(s.sleeps).toEqual(CONFIRM_SCHEDULE_MS.slice(0, 3));
  });

  it('is unconfirmed when the schedule runs out, with the amount the server gave', async () => {
    const s = statuses(['PAYING']);
    expect(await confirm(s.deps, 'A1', 0)).toEqual({ step: 'unconfirmed', orderNo: 'A1', amount: 1200 });
    expect(s.paymentStatus).toHaveBeenCalledTimes(CONFIRM_SCHEDULE_MS.length);
  });

  it('asks on past EXPIRED (a payment may have raced the clock) and ends EXPIRED only at the end', async () => {
    expect(await confirm(statuses(['EXPIRED', 'PAID']).deps, 'A1', 1200)).toEqual({ step: 'done', order: order('PAID') });
    const s = statuses(['EXPIRED']);
    expect(await confirm(s.deps, 'A1', 1200)).toEqual({ step: 'done', order: order('EXPIRED') });
    expect(s.paymentStatus).toHaveBeenCalledTimes(CONFIRM_SCHEDULE_MS.length);
  });

  it('asks again after a passing failure; stops at a refusal with words for the shopper, not the server’s', async () => {
    expect((await confirm(statuses([new ApiError('NETWORK', 'Failed to fetch', true), 'PAID']).deps, 'A1', 1)).step).toBe('done');
    expect(await confirm(statuses([new ApiError('NOT_FOUND', 'orderNo: no order A1')]).deps, 'A1', 1)).toEqual({
      step: 'failed',
      orderNo: 'A1',
      retryable: false,
      message: '没有找到这笔订单，请到“我的订单”查看。',
    });
  });

  it('gives up after the schedule’s time even when each answer is slow (a provider that does not answer): not after every wait', async () => {
    let clock = 0;
    const calls: number[] = [];
    const deps = {
      now: () => clock,
      sleep: async (ms: number) => void (clock += ms),
      paymentStatus: async () => {
        calls.push(clock);
        clock += 10_000; // the server waited for the provider's query to time out
        return order('PAYING');
      },
    };
    expect(await confirm(deps, 'A1', 1200)).toEqual({ step: 'unconfirmed', orderNo: 'A1', amount: 1200 });
    expect(calls).toEqual([300, 11_000]);
    expect(clock).toBeLessThanOrEqual(CONFIRM_WITHIN_MS + 10_000);
  });
});
