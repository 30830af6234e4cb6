/**
 * The sandbox's order book. Every state change is a compare-and-set on the current status, so a
 * double "Pay" tap or a pay racing a reverse applies once.
 */
import type { CashierPayParams } from '../common';

/** Strings as in notifications; numbers as in query answers (PROTOCOLS.md §2). */
export const STATUS_NUMBER = {
  WAIT_PAY: 1,
  PAY_SUC: 2,
  PART_REFUND: 6,
  ALL_REFUND: 7,
  REVERSED: 8,
  CANCEL: -1,
} as const;
export type CaibaoStatus = keyof typeof STATUS_NUMBER;

/** "yyyy-MM-dd HH:mm:ss" in China time (UTC+8). */
export function chinaTime(epochMs: number): string {
  return new Date(epochMs + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

export type Channel = 'ALIPAY' | 'WECHAT';

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
  createdAt: number;
}

export class CaibaoOrderBook {
  private readonly byCbOrderNo = new Map<string, CaibaoOrder>();
  private readonly byLocalOrderNo = new Map<string, CaibaoOrder>();
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
