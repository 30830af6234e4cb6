/**
 * A day's figures for the merchant: orders created, money received (orders paid that day), money
 * returned (refunds that succeeded that day; and, of the orders paid that day, what the provider
 * refunded outside our refund flow) and the difference. Integer fen; the console shows yuan.
 *
 * A refund made outside our flow (the provider's console) reaches us only as the provider's
 * refunded amount on the order — e.g. an order closed here that the provider reports paid and
 * refunded since — with no date of its own: it counts on the day of the payment it returned, so
 * that a payment counted as received is never left without what went back of it.
 */
import type { Order } from '../orders/model';
import { subtractFen, sumFen, toFen, type Fen } from '../platform/money';
import { dayRange } from './days';
import type { MerchantRepository } from './repository';

export interface DaySummary {
  day: string;
  /** Orders created that day, whatever became of them. */
  orders: number;
  /** Orders paid that day and what they brought in. */
  paidOrders: number;
  paid: Fen;
  refunds: number;
  refunded: Fen;
  /** Of the orders paid that day: how many the provider refunded (in part) outside our refund flow, and how much. */
  refundsAtProvider: number;
  refundedAtProvider: Fen;
  /** paid − refunded − refundedAtProvider: negative on a day that returned more than it took in. */
  net: number;
  /** A day beyond the read limit: the figures cover only part of it. */
  truncated: boolean;
}

export async function daySummary(repo: MerchantRepository, day: string): Promise<DaySummary> {
  const range = dayRange(day);
  const [created, paid, refunded] = await Promise.all([repo.listIn('createdAt', range), repo.listIn('paidAt', range), repo.listIn('refunds.settledAt', range)]);
  const refundsThatDay = refunded.orders.flatMap((order) =>
    order.refunds.filter((r) => r.status === 'SUCCEEDED' && r.settledAt !== undefined && r.settledAt >= range.start && r.settledAt < range.end),
  );
  const paidTotal = sumFen(paid.orders.map((order) => order.amount));
  const refundedTotal = sumFen(refundsThatDay.map((r) => r.amount));
  const atProvider = paid.orders.map(refundedOutsideOurFlow).filter((amount) => amount > 0);
  const refundedAtProvider = sumFen(atProvider);
  return {
    day,
    orders: created.orders.length,
    paidOrders: paid.orders.length,
    paid: paidTotal,
    refunds: refundsThatDay.length,
    refunded: refundedTotal,
    refundsAtProvider: atProvider.length,
    refundedAtProvider,
    net: paidTotal - refundedTotal - refundedAtProvider,
    truncated: created.truncated || paid.truncated || refunded.truncated,
  };
}

/** What the order records as refunded beyond the refunds that went through our flow. */
function refundedOutsideOurFlow(order: Order): Fen {
  const ours = sumFen(order.refunds.filter((r) => r.status === 'SUCCEEDED').map((r) => r.amount));
  return order.refundedAmount > ours ? subtractFen(order.refundedAmount, ours) : toFen(0);
}
