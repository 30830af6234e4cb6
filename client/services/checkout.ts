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

export interface ConfirmDeps {
  paymentStatus(orderNo: string): Promise<Order>;
  sleep(ms: number): Promise<void>;
}

/**
 * Asks the server until the order is final or the schedule runs out. After the sheet said ok, an
 * order shown EXPIRED may still be proven paid (the payment raced the clock): it is asked on to the end.
 */
export async function confirm(deps: ConfirmDeps, orderNo: string, amount: number): Promise<CheckoutState> {
  let last: Order | undefined;
  for (const gap of CONFIRM_SCHEDULE_MS) {
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
