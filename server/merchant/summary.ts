/**
 * A day's figures for the merchant: orders created, money received (orders paid that day), money
 * returned (refunds that succeeded that day) and the difference. Integer fen; the console shows yuan.
 */
import { sumFen, type Fen } from '../platform/money';
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
  /** paid − refunded: negative on a day that returned more than it took in. */
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
  return {
    day,
    orders: created.orders.length,
    paidOrders: paid.orders.length,
    paid: paidTotal,
    refunds: refundsThatDay.length,
    refunded: refundedTotal,
    net: paidTotal - refundedTotal,
    truncated: created.truncated || paid.truncated || refunded.truncated,
  };
}
