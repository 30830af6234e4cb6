/**
 * A reconciliation run for one day, on the merchant's demand: every order still open at the end of
 * that day or changed during it is asked of the provider, and each disagreement is listed with
 * what to do. Nothing moves here; `syncOrder` applies the provider's answer to one order through the
 * same settlement code (and checks) as a notification.
 */
import type { ProviderOrderState } from '../gateways/contract';
import type { OrderContext } from '../orders/context';
import { paidNumber, type Order } from '../orders/model';
import { queryProvider } from '../orders/provider-calls';
import { settle, type SettleOutcome } from '../orders/settlement';
import { wasPaid, type OrderStatus } from '../orders/states';
import { isForeignCurrency } from '../platform/money';
import { dayRange } from './days';
import type { MerchantRepository } from './repository';

/** Orders the provider may still move, or whose money is on its way. */
const OPEN: readonly OrderStatus[] = ['CREATED', 'PAYING', 'UNKNOWN', 'REFUNDING'];
/** One run asks the provider about at most this many orders (the function's time limit). */
export const MAX_CHECKS = 100;

export type MismatchKind =
  | 'paid_not_recorded'
  | 'recorded_not_paid'
  | 'amount_mismatch'
  | 'refund_mismatch'
  | 'closed_at_provider'
  | 'missing_at_provider'
  | 'query_failed';

/** What the console tells the merchant to do, per kind (Chinese: shown as is). */
export const ADVICE: Readonly<Record<MismatchKind, string>> = {
  paid_not_recorded: '服务商已收款，本店未记为已支付：点「按服务商结果更新」入账（服务商处已退的款一并记为已退款），然后按未退部分发货或退款。',
  recorded_not_paid: '本店记为已支付，服务商查无此收款：暂停发货，联系服务商核实，勿退款。',
  amount_mismatch: '双方金额不一致：暂停发货，联系服务商核实，勿退款。',
  refund_mismatch: '双方退款金额不一致：查看订单记录；退款处理中的订单由对账定时任务继续处理。',
  closed_at_provider: '服务商已关闭该订单，本店仍在等待支付：点「按服务商结果更新」关闭。',
  missing_at_provider: '服务商查无此订单，本店仍在等待支付：对账定时任务会关闭或重建它，无需操作。',
  query_failed: '暂时无法查询服务商：稍后再次对账。',
};

export interface Finding {
  orderNo: string;
  status: OrderStatus;
  amount: number;
  refundedAmount: number;
  provider: { status: string; amount?: number; currency?: string; refundedAmount?: number } | { status: 'NOT_FOUND' } | { status: 'QUERY_FAILED'; code: string };
  mismatch?: MismatchKind;
  advice?: string;
}

export interface DayReconciliation {
  day: string;
  checked: number;
  mismatches: number;
  findings: Finding[];
  /** More orders than one run checks: run again after settling these. */
  truncated: boolean;
}

const PROVIDER_PAID = ['PAID', 'REFUNDING', 'PARTIALLY_REFUNDED', 'REFUNDED'];

export function compare(order: Order, state: ProviderOrderState): MismatchKind | undefined {
  const providerPaid = PROVIDER_PAID.includes(state.status);
  // Paid in another currency than ours: not fen of CNY, whatever we hold (a sync refuses it too).
  if (providerPaid && isForeignCurrency(state.currency)) return 'amount_mismatch';
  if (providerPaid && !wasPaid(order.status)) return 'paid_not_recorded';
  if (!providerPaid && wasPaid(order.status) && state.status !== 'UNKNOWN') return 'recorded_not_paid';
  if (providerPaid && state.amount !== undefined && state.amount !== order.amount) return 'amount_mismatch';
  if (providerPaid && state.refundedAmount !== undefined && state.refundedAmount !== order.refundedAmount) return 'refund_mismatch';
  if ((state.status === 'CLOSED' || state.status === 'FAILED') && (order.status === 'PAYING' || order.status === 'UNKNOWN')) return 'closed_at_provider';
  return undefined;
}

/** The provider order to ask: the one the money is on once paid (a retired number, when that is what the shopper paid). */
function askAbout(order: Order): { _id: string; orderNo: string } {
  return { _id: order._id, orderNo: wasPaid(order.status) ? paidNumber(order) : order.orderNo };
}

async function check(ctx: OrderContext, order: Order): Promise<Finding> {
  const base = { orderNo: order.orderNo, status: order.status, amount: order.amount, refundedAmount: order.refundedAmount };
  const finding = (provider: Finding['provider'], mismatch?: MismatchKind): Finding => ({
    ...base,
    provider,
    ...(mismatch ? { mismatch, advice: ADVICE[mismatch] } : {}),
  });
  try {
    const answer = await queryProvider(ctx, askAbout(order));
    if (!answer.found) {
      if (wasPaid(order.status)) return finding({ status: 'NOT_FOUND' }, 'recorded_not_paid');
      return finding({ status: 'NOT_FOUND' }, order.status === 'PAYING' || order.status === 'UNKNOWN' ? 'missing_at_provider' : undefined);
    }
    const { status, amount, currency, refundedAmount } = answer.state;
    const provider = { status, ...(amount !== undefined ? { amount } : {}), ...(currency !== undefined ? { currency } : {}), ...(refundedAmount !== undefined ? { refundedAmount } : {}) };
    return finding(provider, compare(order, answer.state));
  } catch (err) {
    const code = typeof err === 'object' && err !== null && 'code' in err ? String((err).code) : 'INTERNAL';
    return finding({ status: 'QUERY_FAILED', code }, 'query_failed');
  }
}

export async function reconcileDay(ctx: OrderContext, repo: MerchantRepository, day: string): Promise<DayReconciliation> {
  const range = dayRange(day);
  const [open, changed] = await Promise.all([repo.listOpen(OPEN, range.end), repo.listIn('updatedAt', range)]);
  const orders = new Map<string, Order>();
  for (const order of [...open.orders, ...changed.orders]) orders.set(order._id, order);
  // CREATED orders never reached the provider unless a create was attempted.
  const candidates = [...orders.values()].filter((order) => order.status !== 'CREATED' || order.attemptId !== null);
  const checked = candidates.slice(0, MAX_CHECKS);
  const findings: Finding[] = [];
  for (const order of checked) findings.push(await check(ctx, order));
  return {
    day,
    checked: findings.length,
    mismatches: findings.filter((f) => f.mismatch).length,
    findings,
    truncated: open.truncated || changed.truncated || candidates.length > checked.length,
  };
}

/** Apply the provider's current answer to one order (same checks as a notification). */
export async function syncOrder(ctx: OrderContext, order: Order): Promise<SettleOutcome | 'not_found'> {
  const answer = await queryProvider(ctx, askAbout(order));
  if (!answer.found) return 'not_found';
  return settle(ctx, order, answer.state, 'query');
}
