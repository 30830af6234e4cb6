import { useCallback, useEffect, useRef, useState } from 'react';
import { isFinal, wasPaid, type CartItem } from '../../api';
import { ApiError, cancelOrder, createPayment, createQrPayment, describeError, getOrder, payOrder, quoteCart } from '../services/api';
import { attemptFor, findAttempt, findOrderedAttempt, recordOrderNo, type Method } from '../services/attempt';
import { cartItems, sameItems } from '../services/cart';
import { getCart } from '../services/cart-store';
import type { Order, PaymentAnswer, QrAnswer, Quote } from '../services/types';
import { S } from '../strings';

/** A quote names products that can no longer be sold as asked: the cart must change, not the order. */
function describeQuoteError(err: unknown): string {
  return err instanceof ApiError && (err.code === 'CONFLICT' || err.code === 'NOT_FOUND') ? S.quoteUnavailable : describeError(err);
}

/**
 * 确认订单's order. Until the shopper pays there is none: the page shows the server's quote (the
 * cart priced from the catalog; nothing is made). The first Pay tap makes it — one order per stored
 * attempt (requestId), so a double tap, a reload or a second tab finds the same one — and from then
 * on it is paid again by number (`pay`), which the server refuses with ORDER_PAID once paid. A
 * reload comes back to the attempt's order while it can be paid. With `?orderNo=`, that order.
 */
export function useCheckoutOrder(orderNoParam: string | undefined) {
  const items = useRef<CartItem[]>(orderNoParam ? [] : cartItems(getCart()));
  const [quote, setQuote] = useState<Quote | undefined>(undefined);
  const [order, setOrder] = useState<Order | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const known = useRef<string | undefined>(orderNoParam ?? findOrderedAttempt(items.current)?.orderNo);

  const show = useCallback(async (orderNo: string): Promise<Order> => {
    const found = await getOrder(orderNo);
    setOrder(found);
    return found;
  }, []);

  const load = useCallback(async () => {
    setError(undefined);
    try {
      if (known.current) {
        const found = await show(known.current);
        // The attempt's order was cancelled or has expired (its attempt is dropped on sight): price the cart afresh.
        if (orderNoParam || !isFinal(found.status) || wasPaid(found.status)) return;
        known.current = undefined;
        setOrder(undefined);
      }
      setQuote(await quoteCart(items.current));
    } catch (err) {
      setError(describeQuoteError(err));
    }
  }, [show, orderNoParam]);

  useEffect(() => {
    if (items.current.length > 0 || orderNoParam) void load();
  }, [load, orderNoParam]);

  /**
   * Pay params (or the QR code) for this cart's order: the known one paid again, one another tab
   * made for the same items, or a new one — only while the stored cart still holds what this page
   * shows (another tab may have paid it and emptied the cart, or changed it): else CART_CHANGED.
   */
  const payment = useCallback(async (method: Method): Promise<PaymentAnswer | QrAnswer> => {
    known.current ??= findOrderedAttempt(items.current)?.orderNo;
    if (known.current) return payOrder(known.current);
    if (!sameItems(cartItems(getCart()), items.current)) throw new ApiError('CART_CHANGED', 'the stored cart changed since this page opened');
    const attempt = attemptFor(items.current, method);
    const answer = method === 'qr' ? await createQrPayment(items.current, attempt.requestId, 'wechat') : await createPayment(items.current, attempt.requestId);
    recordOrderNo(attempt.requestId, answer.orderNo);
    known.current = answer.orderNo;
    return answer;
  }, []);

  /**
   * 扫码支付 makes an order of its own: an in-app order this cart already has is cancelled first
   * (throws when it cannot be, e.g. ORDER_PAID), so that one order is left unpaid.
   */
  const dropInAppOrder = useCallback(async () => {
    known.current ??= findOrderedAttempt(items.current)?.orderNo;
    const inApp = findAttempt(items.current, 'jsapi')?.orderNo;
    if (!inApp || inApp !== known.current) return;
    await cancelOrder(inApp);
    known.current = undefined;
  }, []);

  /** The order this page pays, if there is one yet (for 支付结果 when the server says it is paid). */
  const orderNo = useCallback(() => known.current ?? findOrderedAttempt(items.current)?.orderNo, []);

  return { items: items.current, quote, order, error, load, show, payment, dropInAppOrder, orderNo };
}
