/**
 * A checkout paid by QR code (outside WeChat, where the provider has it):
 *   pay createQr (requestId) → show the code → ask the server until the order is final.
 * There is no sheet to say "done": the shopper pays on another device, so the server is asked on a
 * steady schedule while the code is shown. The shopper may stop waiting (the order stays payable).
 */
import { ApiError, describeError, type CartItem } from './api';
import type { CheckoutState } from './checkout';
import { isFinal, type Order, type QrAnswer, type QrChannel } from './types';

export interface QrCheckoutDeps {
  createQrPayment(items: readonly CartItem[], requestId: string, channel: QrChannel): Promise<QrAnswer>;
  paymentStatus(orderNo: string): Promise<Order>;
  sleep(ms: number): Promise<void>;
}

/** Quick first look (a shopper with the app already open), then every 2 s for about ten minutes. */
export const QR_POLL_FIRST_MS = 1000;
export const QR_POLL_MS = 2000;
export const QR_POLLS = 300;

export async function runQrCheckout(
  deps: QrCheckoutDeps,
  attempt: { items: readonly CartItem[]; requestId: string; channel: QrChannel },
  report: (state: CheckoutState) => void,
  /** The shopper stopped waiting: end with `cancelled` (the order can still be paid or cancelled). */
  stopped: () => boolean = () => false,
): Promise<CheckoutState> {
  const finish = (state: CheckoutState) => {
    report(state);
    return state;
  };
  report({ step: 'creating' });
  let answer: QrAnswer;
  try {
    answer = await deps.createQrPayment(attempt.items, attempt.requestId, attempt.channel);
  } catch (err) {
    return finish({ step: 'failed', message: describeError(err), retryable: err instanceof ApiError && err.retryable });
  }
  const { orderNo, amount } = answer;
  report({ step: 'scanning', orderNo, amount, qrContent: answer.qr.content });
  for (let poll = 0; poll < QR_POLLS; poll++) {
    await deps.sleep(poll === 0 ? QR_POLL_FIRST_MS : QR_POLL_MS);
    if (stopped()) return finish({ step: 'cancelled', orderNo, amount });
    try {
      const order = await deps.paymentStatus(orderNo);
      if (isFinal(order.status)) return finish({ step: 'done', order });
    } catch (err) {
      if (!(err instanceof ApiError) || !err.retryable) return finish({ step: 'failed', orderNo, retryable: false, message: describeError(err) });
    }
  }
  return finish({ step: 'unconfirmed', orderNo, amount });
}
