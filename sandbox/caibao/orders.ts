/**
 * The sandbox's order book. Every state change is a compare-and-set on the current status, so a
 * double "Pay" tap or a pay racing a reverse applies once.
 */
import type { CashierPayParams } from '../common';
import { ORDER_STATUS_NUMBER as N, type PaymentWay } from './pages';

/**
 * A payment order's status: the notification's strings (REVERSED has none there: a reversed
 * order is never notified), and the number a query answers with (ming-ci-jie-shi.md).
 */
export const STATUS_NUMBER = {
  WAIT_PAY: N.waiting,
  PAY_SUC: N.paid,
  PART_REFUND: N.partlyRefunded,
  ALL_REFUND: N.refunded,
  REVERSED: N.reversed,
  CANCEL: N.cancelled,
  PAY_FAIL: N.failed,
} as const;
export type CaibaoStatus = keyof typeof STATUS_NUMBER;

export type Channel = 'ALIPAY' | 'WECHAT';

/**
 * A refund order: Caibao keeps each refund as an order of its own (query status 3 "仅针对退款订单",
 * reverse refuses it as "非付款类型订单"), with its own numbers. Found by its cbOrderNo only.
 */
export interface CaibaoRefund {
  cbOrderNo: string;
  /** "本地退款订单号": v1 takes no refund number from the merchant, so the sandbox makes one. */
  localOrderNo: string;
  paid: CaibaoOrder;
  amount: number;
  /** refundStatus: 5 succeeded, -3 failed. */
  refundStatus: number;
  createdAt: number;
}

export interface CaibaoOrder {
  cbOrderNo: string;
  localOrderNo: string | undefined;
  command: 'open.pay.mp' | 'open.pay.scan';
  channel: Channel;
  amount: number;
  subject: string;
  /** The signed business fields of the creating request (timestamp excluded): a retry must match. */
  fingerprint: string;
  notifyUrl: string | undefined;
  /** open.pay.mp: the cashier's pay parameters. */
  payParams?: CashierPayParams;
  status: CaibaoStatus;
  refundAmount: number;
  outOrderNo?: string;
  payTime?: number;
  refundTime?: number;
  createdAt: number;
  /** Not documented for open.pay.mp; SCAN for open.pay.scan. */
  paymentWay?: PaymentWay;
}

export class CaibaoOrderBook {
  private readonly byCbOrderNo = new Map<string, CaibaoOrder>();
  private readonly byLocalOrderNo = new Map<string, CaibaoOrder>();
  private readonly refundsByCbOrderNo = new Map<string, CaibaoRefund>();
  private sequence = 0;

  nextCbOrderNo(now: number): string {
    this.sequence += 1;
    return `CB${now}${String(this.sequence).padStart(6, '0')}`;
  }

  add(order: CaibaoOrder): void {
    this.byCbOrderNo.set(order.cbOrderNo, order);
    if (order.localOrderNo !== undefined) this.byLocalOrderNo.set(order.localOrderNo, order);
  }

  get(cbOrderNo: string): CaibaoOrder | undefined {
    return this.byCbOrderNo.get(cbOrderNo);
  }

  byLocal(localOrderNo: string): CaibaoOrder | undefined {
    return this.byLocalOrderNo.get(localOrderNo);
  }

  addRefund(refund: CaibaoRefund): void {
    this.refundsByCbOrderNo.set(refund.cbOrderNo, refund);
  }

  refund(cbOrderNo: string): CaibaoRefund | undefined {
    return this.refundsByCbOrderNo.get(cbOrderNo);
  }

  refundsOf(order: CaibaoOrder): CaibaoRefund[] {
    return [...this.refundsByCbOrderNo.values()].filter((r) => r.paid === order);
  }

  /** Payment orders (refund orders are kept apart). */
  all(): CaibaoOrder[] {
    return [...this.byCbOrderNo.values()];
  }

  /** Moves the order to `to` only if it is in one of `from`; false when it was not. */
  transition(order: CaibaoOrder, from: readonly CaibaoStatus[], to: CaibaoStatus): boolean {
    if (!from.includes(order.status)) return false;
    order.status = to;
    return true;
  }
}
