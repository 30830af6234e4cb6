/**
 * Where a checkout is, and asking the server until an order is final. The payment sheet's answer
 * only decides what to do next; "paid" is shown only when the server says PAID.
 */
import { ApiError, describeError } from './api';
import { isFinal, type Order } from './types';

export type CheckoutState =
  | { step: 'idle' }
  | { step: 'creating' }
  | { step: 'confirming'; orderNo: string; amount: number }
  /** QR payment (qr-checkout.ts): the code is shown, the server is asked until the order is final. */
  | { step: 'scanning'; orderNo: string; amount: number; qrContent: string }
  /** The server has the final word: paid, or closed / expired / failed. */
  | { step: 'done'; order: Order }
  /** The shopper stopped waiting for a QR payment: the order is still payable. */
  | { step: 'cancelled'; orderNo: string; amount: number }
  /** The sheet said ok but the server has not confirmed yet: ask again later. */
  | { step: 'unconfirmed'; orderNo: string; amount: number }
  | { step: 'failed'; message: string; retryable: boolean; orderNo?: string };

/** Gaps between status questions after the sheet closes (ms): quick at first, then patient (~15 s in all). */
export const CONFIRM_SCHEDULE_MS: readonly number[] = [300, 700, 1000, 1000, 2000, 2000, 3000, 5000];

/** The schedule's own time: no question is begun that would end its wait later than this after the first. */
export const CONFIRM_WITHIN_MS = CONFIRM_SCHEDULE_MS.reduce((sum, gap) => sum + gap, 0);

export interface ConfirmDeps {
  paymentStatus(orderNo: string): Promise<Order>;
  sleep(ms: number): Promise<void>;
  /** The clock (ms); Date.now unless a test gives its own. */
  now?: () => number;
}

/**
 * Asks the server until the order is final or the schedule runs out. After the sheet said ok, an
 * order shown EXPIRED may still be proven paid (the payment raced the clock): it is asked on to the end.
 * Slow answers (the server waits for a provider that does not answer) use up the same time: the
 * shopper gets 支付结果确认中 and 刷新 after about CONFIRM_WITHIN_MS plus one answer, not after every question's wait.
 */
export async function confirm(deps: ConfirmDeps, orderNo: string, amount: number): Promise<CheckoutState> {
  const now = deps.now ?? Date.now;
  const start = now();
  let last: Order | undefined;
  for (const gap of CONFIRM_SCHEDULE_MS) {
    if (now() - start + gap > CONFIRM_WITHIN_MS) break;
    await deps.sleep(gap);
    try {
      last = await deps.paymentStatus(orderNo);
      if (isFinal(last.status) && last.status !== 'EXPIRED') return { step: 'done', order: last };
    } catch (err) {
      // A passing network problem: ask again. A refusal (e.g. NOT_FOUND) will not change: stop.
      if (!(err instanceof ApiError) || !err.retryable) return { step: 'failed', orderNo, retryable: false, message: describeError(err) };
    }
  }
  if (last?.status === 'EXPIRED') return { step: 'done', order: last };
  return { step: 'unconfirmed', orderNo, amount: last?.amount ?? amount };
}
