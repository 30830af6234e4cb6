/**
 * What each provider sandbox holds, in one shape: per provider order, its number, amount, whether
 * the shopper could still pay it, whether money was taken, and how much went back. The soak judges
 * the order core against this, never against our own database alone.
 */
import type { RunningSandboxes } from '../sandbox';
import type { ProviderName } from '../server/gateways/contract';

export interface ProviderOrderView {
  orderNo: string;
  amount: number;
  /** The shopper can still pay it. */
  open: boolean;
  /** Money was taken (whatever happened after). */
  paid: boolean;
  /** Fen given back, by refund or reversal. */
  refunded: number;
  /** How the shopper can pay it, when open (the params the cashier takes). */
  payParams?: unknown;
}

export interface ProviderLedger {
  all(): ProviderOrderView[];
}

/** Tencent's documented order states (pay_info.order_state). */
const TENCENT = { paid: [3, 4], open: [6, 9] };
const QUICKPAY = { paid: ['SUCCESSED', 'REFUNDED', 'REFUNDFAILED'], open: ['CREATE', 'PAYING'] };
const CAIBAO = { paid: ['PAY_SUC', 'PART_REFUND', 'ALL_REFUND'], open: ['WAIT_PAY'] };

function quickpayParams(cloudpayParam: string): unknown {
  try {
    return JSON.parse(cloudpayParam) as unknown;
  } catch {
    return undefined;
  }
}

export function ledgerOf(provider: ProviderName, sandboxes: RunningSandboxes): ProviderLedger {
  switch (provider) {
    case 'quickpay':
      return {
        all: () =>
          (sandboxes.providers.quickpay?.orders.list() ?? []).map((o) => ({
            orderNo: o.orderNo,
            amount: o.amount,
            open: QUICKPAY.open.includes(o.status),
            paid: QUICKPAY.paid.includes(o.status) || o.paidAt !== undefined,
            refunded: o.refundedAmount,
            payParams: quickpayParams(o.cloudpayParam),
          })),
      };
    case 'caibao':
      return {
        all: () =>
          (sandboxes.providers.caibao?.orders.all() ?? []).map((o) => ({
            orderNo: o.localOrderNo ?? o.cbOrderNo,
            amount: o.amount,
            open: CAIBAO.open.includes(o.status),
            paid: CAIBAO.paid.includes(o.status) || o.payTime !== undefined,
            refunded: o.refundAmount,
            payParams: o.payParams,
          })),
      };
    case 'tencent':
      return {
        all: () =>
          (sandboxes.providers.tencent?.orders.all() ?? []).map((o) => ({
            orderNo: o.outTradeNo,
            amount: o.totalFee,
            open: TENCENT.open.includes(o.state),
            paid: TENCENT.paid.includes(o.state) || o.timeEnd !== undefined,
            refunded: o.refundedFee,
            payParams: {
              appId: o.payArgs.app_id,
              timeStamp: o.payArgs.timestamp,
              nonceStr: o.payArgs.nonce_str,
              package: o.payArgs.package,
              signType: o.payArgs.sign_type,
              paySign: o.payArgs.pay_sign,
            },
          })),
      };
  }
}
