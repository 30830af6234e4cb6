/**
 * The order as stored in the `orders` collection. Amounts are integer fen; times are epoch
 * milliseconds (portable between the cloud database and the local one).
 */
import { createHash } from 'node:crypto';
import type { OrderLine, ProviderName, QrChannel, RequestPaymentParams } from '../gateways/contract';
import type { Fen } from '../platform/money';
import type { NotificationRecord } from './events';
import type { OrderStatus } from './states';

export const ORDERS = 'orders';

export type RefundEntryStatus = 'PENDING' | 'SUCCEEDED' | 'FAILED';

export interface RefundEntry {
  refundNo: string;
  amount: Fen;
  status: RefundEntryStatus;
  reason?: string;
  requestedAt: number;
  settledAt?: number;
  providerRefundId?: string;
  /**
   * A call to the provider for this refund is out until then (ms): one call at a time per refund.
   * After an unknown outcome it holds until that call's answer can no longer arrive.
   */
  callingUntil: number;
  /** Set while the last call's outcome is unknown: the next holder asks the provider before any send. */
  unknownSince?: number;
  /** The order number the money is on, when it is not the order's current one. */
  orderNo?: string;
}

/** A number the order was retried from: reconcile closes it at the provider until that is proven. */
export interface RetiredOrderNo {
  orderNo: string;
  retiredAt: number;
  /** True until the provider confirmed it closed, or proved it never existed. */
  open: boolean;
}

/**
 * A provider create call that gave us pay params, recorded on the order in the same write as the
 * pay params (the history's `create: ok`; failed calls, and older orders' creates, are in payment_events).
 */
export interface ProviderCreate {
  orderNo: string;
  at: number;
}

/**
 * A payment the provider proved on a retired number of an order that was already paid: the
 * shopper paid twice. Refunded automatically under its own refund number (`refund.refundNo`).
 */
export interface DoublePayment {
  orderNo: string;
  amount: Fen;
  provenAt: number;
  /**
   * What the provider had refunded of it outside our refund flow when it was proven (reported
   * REFUNDED or PARTIALLY_REFUNDED): `refund` is then only the rest, or SUCCEEDED when nothing is left.
   */
  refundedAtProvider?: Fen;
  refund: RefundEntry;
}

/**
 * How the shopper pays: `jsapi` = wx.requestPayment inside WeChat; `qr` = a QR code scanned with
 * the wallet app of `channel` (outside WeChat). Fixed when the order is made.
 */
export type PaymentMethod = { kind: 'jsapi' } | { kind: 'qr'; channel: QrChannel };

export const JSAPI: PaymentMethod = { kind: 'jsapi' };

/** What the provider gave us to pay with, kept and handed back unchanged while the order is payable. */
export type OrderPayment =
  /** Exactly what the provider returned for wx.requestPayment. */
  | { params: RequestPaymentParams; providerOrderId?: string }
  /** The text to render as a QR code. */
  | { qrContent: string; providerOrderId?: string };

export interface Order {
  /** Deterministic from (openid, requestId): the database's unique _id makes a double tap one order. */
  _id: string;
  orderNo: string;
  /** Numbers this order had before a retry with a new number; notifications may still name them. */
  previousOrderNos: string[];
  /** The retired numbers and whether the provider may still hold an open order under them (absent on older orders). */
  retiredOrderNos?: RetiredOrderNo[];
  /** The number the payment was made on (a retired one, when that is what the shopper paid). */
  paidOrderNo?: string;
  /** Payments proven on retired numbers of an order already paid (absent when none). */
  doublePayments?: DoublePayment[];
  openid: string;
  appId: string;
  requestId: string;
  clientIp?: string;
  /** When a shopper's status check last asked the provider (see refreshOrder). */
  lastStatusQueryAt?: number;
  provider: ProviderName;
  /** Absent on orders made before QR payment existed: those are JSAPI. */
  method?: PaymentMethod;
  lines: OrderLine[];
  amount: Fen;
  description: string;
  status: OrderStatus;
  /** Set while a create call to the provider is in flight or done: the claim that makes it one call. */
  attemptId: string | null;
  payment: OrderPayment | null;
  /** Every create call that gave pay params, oldest first (absent on older orders and before the first). */
  providerCreates?: ProviderCreate[];
  createdAt: number;
  updatedAt: number;
  /** After this the order can no longer be paid: reconcile closes it. */
  expiresAt: number;
  paidAt?: number;
  closedAt?: number;
  failure?: { code: string; message: string };
  refundedAmount: Fen;
  refunds: RefundEntry[];
  /** Where a refund in progress returns to if the provider refuses it. */
  statusBeforeRefund?: OrderStatus;
  /**
   * The notifications that moved this order, each written by its own compare-and-set (so at most
   * one per move). Others about the order are in payment_events; see notificationHistory (events.ts).
   */
  notifications?: NotificationRecord[];
  /** Deliveries of a notification the order already reflected (the provider's repeats): how many, the last one when. */
  notificationRepeats?: { count: number; lastAt: number };
}

/**
 * Previous numbers no retired entry covers: those of an order stored before `retiredOrderNos`
 * existed. The provider may still hold an open order under them, so they are retired open.
 */
export function uncoveredPreviousNumbers(order: Pick<Order, 'previousOrderNos' | 'retiredOrderNos'>): string[] {
  const covered = new Set((order.retiredOrderNos ?? []).map((retired) => retired.orderNo));
  return (order.previousOrderNos ?? []).filter((orderNo) => !covered.has(orderNo));
}

/**
 * The create calls the order carries, as the `create: ok` events they stand for (the merchant's
 * history), leaving out any `stored` already holds (recorded in payment_events as well).
 */
export function createHistory(order: Order, stored: ReadonlyArray<Record<string, unknown>> = []): Array<Record<string, unknown> & { at: number }> {
  const recorded = new Set(stored.filter((event) => event.kind === 'create' && event.outcome === 'ok').map((event) => event.orderNo));
  return (order.providerCreates ?? [])
    .filter((create) => !recorded.has(create.orderNo))
    .map((create) => ({ at: create.at, kind: 'create', provider: order.provider, orderNo: create.orderNo, orderId: order._id, outcome: 'ok', amount: order.amount }));
}

/** Every number the order has had at the provider: its current one, then those it was retried from. */
export function orderNumbers(order: Pick<Order, 'orderNo' | 'previousOrderNos'>): string[] {
  return [order.orderNo, ...(order.previousOrderNos ?? [])];
}

/** Where a refund of the order's payment goes: the number the money is on. */
export function paidNumber(order: Pick<Order, 'orderNo' | 'paidOrderNo'>): string {
  return order.paidOrderNo ?? order.orderNo;
}

export function methodOf(order: Pick<Order, 'method'>): PaymentMethod {
  return order.method ?? JSAPI;
}

export function orderIdFor(openid: string, requestId: string): string {
  return `o${createHash('sha256').update(`${openid}\n${requestId}`).digest('hex').slice(0, 40)}`;
}

/** What a shopper sees of an order. */
export interface OrderView {
  orderNo: string;
  status: OrderStatus;
  amount: Fen;
  description: string;
  lines: OrderLine[];
  createdAt: number;
  expiresAt: number;
  paidAt?: number;
  refundedAmount: Fen;
}

export function toView(order: Order): OrderView {
  return {
    orderNo: order.orderNo,
    status: order.status,
    amount: order.amount,
    description: order.description,
    lines: order.lines,
    createdAt: order.createdAt,
    expiresAt: order.expiresAt,
    ...(order.paidAt !== undefined ? { paidAt: order.paidAt } : {}),
    refundedAmount: order.refundedAmount,
  };
}
