/**
 * The sandbox's orders and refunds, inspectable by tests. Every state change is a compare-and-set
 * (`transition`): a second pay, a close after pay, a duplicate refund apply once or not at all.
 */
import { WxpayOrderState, WxpayRefundOrderState } from './pages/enums';

export interface SandboxOrder {
  outTradeNo: string;
  /** What identifies the request's content: a retry with the same fingerprint gets the same order back. */
  fingerprint: string;
  /** The mini program AppID the pay parameters were issued for. */
  appId: string;
  /** TradeType: official_account_pay creates 3. */
  tradeType: number;
  totalFee: number;
  body: string;
  detail?: string;
  subOpenId: string;
  timeExpire?: number;
  state: number;
  prepayId: string;
  /** The pay parameters issued by the cashier (returned again on an identical retry). */
  payArgs: { app_id: string; timestamp: string; nonce_str: string; package: string; sign_type: string; pay_sign: string };
  transactionId?: string;
  createTime: number;
  lastUpdateTime: number;
  timeEnd?: number;
  refundedFee: number;
}

export interface SandboxRefund {
  outRefundNo: string;
  outTradeNo: string;
  refundId: string;
  totalFee: number;
  refundFee: number;
  state: number;
  createTime: number;
  lastUpdateTime: number;
}

export class TencentOrders {
  private readonly orders = new Map<string, SandboxOrder>();
  private readonly refunds = new Map<string, SandboxRefund>();

  constructor(private readonly now: () => number) {}

  private seconds(): number {
    return Math.floor(this.now() / 1000);
  }

  get(outTradeNo: string): Readonly<SandboxOrder> | undefined {
    return this.orders.get(outTradeNo);
  }

  all(): ReadonlyArray<Readonly<SandboxOrder>> {
    return [...this.orders.values()];
  }

  add(order: Omit<SandboxOrder, 'createTime' | 'lastUpdateTime' | 'refundedFee' | 'state'>): SandboxOrder {
    const at = this.seconds();
    const stored: SandboxOrder = {
      ...order,
      state: WxpayOrderState.WAITING_FOR_PAYMENT,
      createTime: at,
      lastUpdateTime: at,
      refundedFee: 0,
    };
    this.orders.set(order.outTradeNo, stored);
    return stored;
  }

  /** Moves the order to `to` only if it is in one of `from`; returns whether it moved. */
  transition(outTradeNo: string, from: readonly number[], to: number, changes: Partial<SandboxOrder> = {}): boolean {
    const order = this.orders.get(outTradeNo);
    if (!order || !from.includes(order.state)) return false;
    Object.assign(order, changes, { state: to, lastUpdateTime: this.seconds() });
    return true;
  }

  refund(key: { outTradeNo: string; outRefundNo: string }): Readonly<SandboxRefund> | undefined {
    const refund = this.refunds.get(key.outRefundNo);
    return refund && refund.outTradeNo === key.outTradeNo ? refund : undefined;
  }

  refundByNo(outRefundNo: string): Readonly<SandboxRefund> | undefined {
    return this.refunds.get(outRefundNo);
  }

  /** Records a refund and counts it against the order (the caller checked the amount). */
  addRefund(refund: Omit<SandboxRefund, 'createTime' | 'lastUpdateTime' | 'state'>): SandboxRefund {
    const at = this.seconds();
    const stored: SandboxRefund = { ...refund, state: WxpayRefundOrderState.PROCESSING, createTime: at, lastUpdateTime: at };
    this.refunds.set(refund.outRefundNo, stored);
    const order = this.orders.get(refund.outTradeNo);
    if (order) {
      order.refundedFee += refund.refundFee;
      order.state = WxpayOrderState.TURNED_TO_REFUND;
      order.lastUpdateTime = at;
    }
    return stored;
  }

  /** PROCESSING → `to` (SUCCEEDED unless a test chose another documented end state), once. */
  settleRefund(outRefundNo: string, to: number = WxpayRefundOrderState.SUCCEEDED): boolean {
    const refund = this.refunds.get(outRefundNo);
    if (!refund || refund.state !== WxpayRefundOrderState.PROCESSING) return false;
    refund.state = to;
    refund.lastUpdateTime = this.seconds();
    return true;
  }
}
