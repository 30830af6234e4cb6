/**
 * The QuickPay sandbox's orders and refunds, and the business rules on them:
 * - order_no is unique per store: the same request again gets the same answer; a different
 *   request with a used order_no is refused;
 * - only unpaid orders can be cancelled; only paid orders refunded, never beyond their amount;
 * - refund_no is unique per store: a retry with the same content gets the same result, anything
 *   else with a used refund_no is refused.
 * Every change is a compare-and-set on the current status, so a double pay applies once.
 */
import { CANCELLED_STATUS, TRANSACTION_STATUS, type JsapiPayInput, type RefundInput, type TransactionStatus } from './docs';

export interface QuickpayRefund {
  refundNo: string;
  orderNo: string;
  /** The request, canonical: a retry must match it exactly. */
  fingerprint: string;
  refundAmount: number;
  transactionNo: string;
  refundedAt: number;
}

export interface QuickpayOrder {
  storeNo: string;
  orderNo: string;
  fingerprint: string;
  request: JsapiPayInput;
  amount: number;
  status: TransactionStatus;
  message: string;
  transactionNo: string;
  cloudpayParam: string;
  prepayId: string;
  createdAt: number;
  paidAt?: number;
  refundedAmount: number;
  refunds: string[];
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; msg: string };
const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
const fail = (msg: string): Outcome<never> => ({ ok: false, msg });

/** Key order does not matter to a fingerprint; absent and null optional fields are the same. */
export function fingerprint(value: object): string {
  const entries = Object.entries(value)
    .filter(([, v]) => v !== undefined && v !== null)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(entries);
}

const key = (storeNo: string, no: string) => `${storeNo}\u0000${no}`;

export class QuickpayOrderBook {
  private readonly orders = new Map<string, QuickpayOrder>();
  private readonly refunds = new Map<string, QuickpayRefund>();
  private readonly misdirected = new Map<string, string>();

  get(storeNo: string, orderNo: string): QuickpayOrder | undefined {
    return this.orders.get(key(storeNo, this.misdirected.get(orderNo) ?? orderNo));
  }

  /** Test hook: from now on, answers about order `asked` describe order `other` (an answer about another order). */
  misdirect(asked: string, other: string): void {
    this.misdirected.set(asked, other);
  }

  /** Looks an order up by number alone (tests and the local shop have one store). */
  find(orderNo: string): QuickpayOrder | undefined {
    return [...this.orders.values()].find((o) => o.orderNo === orderNo);
  }

  list(): QuickpayOrder[] {
    return [...this.orders.values()];
  }

  refund(storeNo: string, refundNo: string): QuickpayRefund | undefined {
    return this.refunds.get(key(storeNo, refundNo));
  }

  /** The existing order for a repeated request, a refusal for a conflicting one, or undefined. */
  existing(input: JsapiPayInput): Outcome<QuickpayOrder> | undefined {
    const order = this.get(input.store_no, input.order_no);
    if (!order) return undefined;
    return order.fingerprint === fingerprint(input) ? ok(order) : fail(`order_no ${input.order_no} already used with different content`);
  }

  add(order: QuickpayOrder): void {
    this.orders.set(key(order.storeNo, order.orderNo), order);
  }

  /** CREATE/PAYING → SUCCESSED; false when the order was not payable (already paid, cancelled). */
  markPaid(order: QuickpayOrder, at: number): boolean {
    if (order.status !== TRANSACTION_STATUS.create && order.status !== TRANSACTION_STATUS.paying) return false;
    order.status = TRANSACTION_STATUS.paid;
    order.message = 'paid';
    order.paidAt = at;
    return true;
  }

  /** Unpaid → cancelled; cancelling a cancelled order again is a success. */
  cancel(order: QuickpayOrder): Outcome<QuickpayOrder> {
    if (order.status === CANCELLED_STATUS && order.message === 'cancelled') return ok(order);
    if (order.status !== TRANSACTION_STATUS.create && order.status !== TRANSACTION_STATUS.paying) {
      return fail(`order ${order.orderNo} cannot be cancelled: it is ${order.status}`);
    }
    order.status = CANCELLED_STATUS;
    order.message = 'cancelled';
    return ok(order);
  }

  applyRefund(input: RefundInput, transactionNo: string, at: number): Outcome<{ order: QuickpayOrder; refund: QuickpayRefund }> {
    const print = fingerprint(input);
    const previous = this.refunds.get(key(input.store_no, input.refund_no));
    const order = this.get(input.store_no, input.order_no);
    if (previous) {
      if (previous.fingerprint !== print || !order) return fail(`refund_no ${input.refund_no} already used with different content`);
      return ok({ order, refund: previous });
    }
    if (!order) return fail(`order ${input.order_no} not found`);
    if (input.amount !== undefined && input.amount !== null && input.amount !== order.amount) return fail(`amount ${input.amount} does not match the order amount ${order.amount}`);
    // A partly refunded order stays SUCCESSED; a fully refunded one is REFUNDED.
    if (order.status !== TRANSACTION_STATUS.paid) return fail(`order ${order.orderNo} is ${order.status}: only paid orders can be refunded`);
    if (order.refundedAmount + input.refund_amount > order.amount) {
      return fail(`refund_amount ${input.refund_amount} exceeds what is left to refund (${order.amount - order.refundedAmount})`);
    }
    const refund: QuickpayRefund = {
      refundNo: input.refund_no,
      orderNo: order.orderNo,
      fingerprint: print,
      refundAmount: input.refund_amount,
      transactionNo,
      refundedAt: at,
    };
    this.refunds.set(key(input.store_no, input.refund_no), refund);
    order.refundedAmount += input.refund_amount;
    order.refunds.push(input.refund_no);
    if (order.refundedAmount === order.amount) order.status = TRANSACTION_STATUS.refunded;
    return ok({ order, refund });
  }
}
