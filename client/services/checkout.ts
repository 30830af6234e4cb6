/**
 * One checkout, from the Pay tap to the server's word on the order:
 *   pay create (requestId) → payment sheet → ask the server until the order is final.
 * The sheet's answer only decides what to do next; "paid" is shown only when the server says PAID.
 * Every step is reported, so the page can show it; nothing here touches the page.
 */
import { ApiError, describeError, type CartItem } from './api';
import type { PaymentOutcome } from './payment';
import { isFinal, type Order, type PaymentAnswer, type PayParams } from './types';

export interface CheckoutDeps {
  createPayment(items: readonly CartItem[], requestId: string): Promise<PaymentAnswer>;
  paymentStatus(orderNo: string): Promise<Order>;
  openPaymentSheet(params: PayParams): Promise<PaymentOutcome>;
  sleep(ms: number): Promise<void>;
}

export type CheckoutState =
  | { step: 'idle' }
  | { step: 'creating' }
  | { step: 'paying'; orderNo: string; amount: number }
  | { step: 'confirming'; orderNo: string; amount: number }
  /** QR payment (qr-checkout.ts): the code is shown, the server is asked until the order is final. */
  | { step: 'scanning'; orderNo: string; amount: number; qrContent: string }
  /** The server has the final word: PAID, or closed/failed. */
  | { step: 'done'; order: Order }
  /** The shopper closed the sheet: the order is still payable (pay again with the same requestId, or cancel it). */
  | { step: 'cancelled'; orderNo: string; amount: number }
  /** The sheet said ok but the server has not confirmed yet: ask again later. */
  | { step: 'unconfirmed'; orderNo: string; amount: number }
  /** `retryable`: trying again with the same requestId may work (a passing problem); otherwise start a new checkout. */
  | { step: 'failed'; message: string; retryable: boolean; orderNo?: string };

/** Gaps between status questions after the sheet closes (ms): quick at first, then patient (~15 s in all). */
export const CONFIRM_SCHEDULE_MS: readonly number[] = [300, 700, 1000, 1000, 2000, 2000, 3000, 5000];

/** After these the next Pay tap continues the same order (same requestId); after anything else it starts a new one. */
export function continuesSameOrder(state: CheckoutState): boolean {
  return state.step === 'cancelled' || state.step === 'unconfirmed' || (state.step === 'failed' && state.retryable);
}

/** A checkout in progress can't be started again (the Pay button is disabled meanwhile). */
export function isBusy(state: CheckoutState): boolean {
  return state.step === 'creating' || state.step === 'paying' || state.step === 'confirming' || state.step === 'scanning';
}

export async function runCheckout(
  deps: CheckoutDeps,
  attempt: { items: readonly CartItem[]; requestId: string },
  report: (state: CheckoutState) => void,
): Promise<CheckoutState> {
  const finish = (state: CheckoutState) => {
    report(state);
    return state;
  };
  report({ step: 'creating' });
  let answer: PaymentAnswer;
  try {
    answer = await deps.createPayment(attempt.items, attempt.requestId);
  } catch (err) {
    return finish({ step: 'failed', message: describeError(err), retryable: err instanceof ApiError && err.retryable });
  }
  const { orderNo, amount } = answer;
  report({ step: 'paying', orderNo, amount });
  const outcome = await deps.openPaymentSheet(answer.payment);
  if (outcome.kind === 'cancel') return finish({ step: 'cancelled', orderNo, amount });
  if (outcome.kind === 'fail') return finish({ step: 'failed', orderNo, retryable: false, message: `The payment did not go through: ${outcome.reason}.` });

  report({ step: 'confirming', orderNo, amount });
  return finish(await confirm(deps, orderNo, amount));
}

/** Asks the server until the order is final or the schedule runs out. */
export async function confirm(deps: Pick<CheckoutDeps, 'paymentStatus' | 'sleep'>, orderNo: string, amount: number): Promise<CheckoutState> {
  for (const gap of CONFIRM_SCHEDULE_MS) {
    await deps.sleep(gap);
    try {
      const order = await deps.paymentStatus(orderNo);
      if (isFinal(order.status)) return { step: 'done', order };
    } catch (err) {
      // A passing network problem: ask again. A refusal (e.g. NOT_FOUND) will not change: stop.
      if (!(err instanceof ApiError) || !err.retryable) return { step: 'failed', orderNo, retryable: false, message: describeError(err) };
    }
  }
  return { step: 'unconfirmed', orderNo, amount };
}
