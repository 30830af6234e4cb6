/**
 * What the merchant console reads: orders across shoppers and an order's payment events. Reads
 * only; every change goes through the order services (refunds, settlement) like any other caller.
 * Each query here is served by an index declared under database/collections/ (the function tests fail otherwise).
 */
import type { CloudDatabase, CloudQuery } from '../orders/cloud-database';
import { PAYMENT_EVENTS, notificationHistory } from '../orders/events';
import { createHistory, ORDERS, orderNumbers, type Order } from '../orders/model';
import type { OrderStatus } from '../orders/states';
import type { Range } from './days';

/** One read returns at most this many documents; longer lists are read in pages. */
const PAGE = 100;
/** A day with more than this many orders is cut short (and says so): a function call has a time limit. */
export const MAX_DAY_ORDERS = 5_000;

export interface OrderFilter {
  status?: OrderStatus;
  created?: Partial<Range>;
}

export class MerchantRepository {
  constructor(private readonly db: CloudDatabase) {}

  private get orders() {
    return this.db.collection(ORDERS);
  }

  private rangeOf(field: string, range: Partial<Range>): Array<Record<string, unknown>> {
    const _ = this.db.command;
    return [
      ...(range.start !== undefined ? [{ [field]: _.gte(range.start) }] : []),
      ...(range.end !== undefined ? [{ [field]: _.lt(range.end) }] : []),
    ];
  }

  /** Newest first. */
  async search(filter: OrderFilter, page: { offset: number; limit: number }): Promise<{ orders: Order[]; total: number }> {
    const _ = this.db.command;
    const conditions = [...(filter.status ? [{ status: filter.status }] : []), ...this.rangeOf('createdAt', filter.created ?? {})];
    const query = conditions.length > 0 ? this.orders.where(_.and(conditions)) : this.orders;
    const [{ data }, { total }] = await Promise.all([query.orderBy('createdAt', 'desc').skip(page.offset).limit(page.limit).get(), query.count()]);
    return { orders: data as unknown as Order[], total };
  }

  /** Every order whose `field` falls in the range, read page by page (at most MAX_DAY_ORDERS). */
  async listIn(field: 'createdAt' | 'paidAt' | 'updatedAt' | 'refunds.settledAt', range: Range): Promise<{ orders: Order[]; truncated: boolean }> {
    return this.readAll(this.orders.where(this.db.command.and(this.rangeOf(field, range))), field);
  }

  /** Orders in one of `statuses` created before `before` (still open at that time). */
  async listOpen(statuses: readonly OrderStatus[], before: number): Promise<{ orders: Order[]; truncated: boolean }> {
    const _ = this.db.command;
    return this.readAll(this.orders.where({ status: _.in([...statuses]), createdAt: _.lt(before) }), 'createdAt');
  }

  private async readAll(query: CloudQuery, sortField: string): Promise<{ orders: Order[]; truncated: boolean }> {
    const orders: Order[] = [];
    for (let offset = 0; offset < MAX_DAY_ORDERS; offset += PAGE) {
      const { data } = await query.orderBy(sortField, 'asc').skip(offset).limit(PAGE).get();
      orders.push(...(data as unknown as Order[]));
      if (data.length < PAGE) return { orders, truncated: false };
    }
    return { orders, truncated: true };
  }

  /**
   * Everything that happened to the order, oldest first: its provider calls and notifications in
   * payment_events, and what the order carries itself: notification deliveries (events.ts) and
   * create calls (`providerCreates`, model.ts).
   */
  async historyOf(order: Order, limit = 500): Promise<Array<Record<string, unknown>>> {
    const stored = await this.eventsOf(order._id, limit, orderNumbers(order));
    const carried: Array<Record<string, unknown>> = [...notificationHistory(order).map((event) => ({ ...event })), ...createHistory(order, stored)];
    return [...stored, ...carried].sort((a, b) => Number(a.at) - Number(b.at));
  }

  /**
   * The order's provider calls and notifications in payment_events, oldest first. `orderNos`: its
   * numbers (current and retired) — a query after a hint that failed is recorded without the order's _id.
   */
  async eventsOf(orderId: string, limit = 500, orderNos: readonly string[] = []): Promise<Array<Record<string, unknown>>> {
    const _ = this.db.command;
    const condition = orderNos.length > 0 ? _.or([{ orderId }, { orderNo: _.in([...orderNos]) }]) : { orderId };
    const { data } = await this.db.collection(PAYMENT_EVENTS).where(condition).orderBy('at', 'asc').limit(limit).get();
    return data.map(({ _id, ...event }) => event);
  }
}
