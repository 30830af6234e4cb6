/**
 * The money invariants, judged against the provider's own books (the sandbox ledger):
 * - pending: an order (or a refund) still waiting on an outcome;
 * - open but closed: the provider would still take a payment for a number we consider closed or retired;
 * - kept unaccounted: the provider holds more of the shopper's money for an order than we record
 *   (a duplicate not refunded, a payment on a closed order) — "charged twice";
 * - refunded twice: the provider gave back more than the merchant asked plus the duplicates;
 * - accounted, not kept: we record money the provider does not hold.
 */
import type { Order } from '../server/orders/model';
import { wasPaid } from '../server/orders/states';
import type { ProviderOrderView } from './ledger';

const WAITING = new Set(['CREATED', 'PAYING', 'UNKNOWN', 'REFUNDING']);

export interface MoneyFindings {
  pending: string[];
  openButClosed: string[];
  duplicatesUnrefunded: string[];
  keptUnaccounted: string[];
  refundedTwice: string[];
  accountedNotKept: string[];
}

/** `requested`: fen the merchant asked to refund, per order _id. */
export function checkMoney(orders: readonly Order[], ledger: readonly ProviderOrderView[], requested: ReadonlyMap<string, number> = new Map()): MoneyFindings {
  const byNo = new Map<string, ProviderOrderView[]>();
  for (const view of ledger) byNo.set(view.orderNo, [...(byNo.get(view.orderNo) ?? []), view]);
  const found: MoneyFindings = { pending: [], openButClosed: [], duplicatesUnrefunded: [], keptUnaccounted: [], refundedTwice: [], accountedNotKept: [] };
  for (const order of orders) {
    const id = `${order.orderNo} (${order.status})`;
    if (WAITING.has(order.status) || order.refunds.some((r) => r.status === 'PENDING')) found.pending.push(id);
    const numbers = [order.orderNo, ...(order.previousOrderNos ?? [])];
    const views = numbers.flatMap((no) => byNo.get(no) ?? []);
    const live = WAITING.has(order.status) && order.status !== 'REFUNDING';
    for (const v of views) if (v.open && (v.orderNo !== order.orderNo || !live)) found.openButClosed.push(`${id}: provider order ${v.orderNo} still payable`);
    const paid = views.filter((v) => v.paid);
    const paidTotal = paid.reduce((sum, v) => sum + v.amount, 0);
    const refunded = views.reduce((sum, v) => sum + v.refunded, 0);
    const kept = paidTotal - refunded;
    const accounted = wasPaid(order.status) ? order.amount - order.refundedAmount : 0;
    const asked = requested.get(order._id) ?? 0;
    const extra = paidTotal - (paid.length > 0 ? order.amount : 0);
    if (paid.length > 1 && kept > order.amount - asked) found.duplicatesUnrefunded.push(`${id}: paid ${paid.length}× (${paid.map((v) => v.orderNo).join(', ')}), kept ${kept}`);
    if (kept > accounted) found.keptUnaccounted.push(`${id}: provider kept ${kept} fen, we account for ${accounted}`);
    if (refunded > asked + extra) found.refundedTwice.push(`${id}: provider refunded ${refunded} fen, asked ${asked} + duplicates ${extra}`);
    if (kept < accounted) found.accountedNotKept.push(`${id}: we account for ${accounted} fen, provider kept ${kept}`);
  }
  return found;
}
