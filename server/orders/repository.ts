/**
 * Orders in the cloud database. Every change of status is a conditional update
 * `where({_id, status: in(allowed)}).update(...)`: the database decides who wins, so two callers
 * (a notification and a status query, two double-tapped create calls) never both move an order.
 * Nothing here reads an order and then writes what it read.
 */
import { AppError } from '../platform/errors';
import type { CloudDatabase } from './cloud-database';
import { ORDERS, type Order } from './model';
import { allowedFrom, type OrderStatus } from './states';

/** Refund numbers, one document per number the provider sees (`_id`), naming the order that used it. */
export const REFUND_NUMBERS = 'refund_numbers';

export interface Transition {
  to: OrderStatus;
  /** Narrower than every status allowed to reach `to` (e.g. only PAYING). */
  from?: readonly OrderStatus[];
  /** Extra fields that must match (e.g. the attemptId that owns the create call). */
  where?: Record<string, unknown>;
  set?: Record<string, unknown>;
}

/** Orders in one of `statuses`, optionally only those still payable after / expired by a time (ms). */
export interface OrderMatch {
  statuses: readonly OrderStatus[];
  expiresAfter?: number;
  expiredBy?: number;
}

export class OrderRepository {
  constructor(
    private readonly db: CloudDatabase,
    private readonly now: () => number = Date.now,
  ) {}

  get command() {
    return this.db.command;
  }

  private get orders() {
    return this.db.collection(ORDERS);
  }

  /** Insert the order unless one with its _id exists; either way answer the order that is stored. */
  async insertIfAbsent(order: Order): Promise<{ order: Order; created: boolean }> {
    try {
      await this.orders.add({ data: { ...order } });
      return { order, created: true };
    } catch (err) {
      const existing = await this.findById(order._id);
      if (existing) return { order: existing, created: false };
      throw err;
    }
  }

  async findById(id: string): Promise<Order | undefined> {
    const { data } = await this.orders.where({ _id: id }).limit(1).get();
    return data[0] as Order | undefined;
  }

  /** By current or previous order number (a notification may name a number we retired). */
  async findByOrderNo(orderNo: string): Promise<Order | undefined> {
    const _ = this.db.command;
    const { data } = await this.orders.where(_.or([{ orderNo }, { previousOrderNos: orderNo }])).limit(1).get();
    return data[0] as Order | undefined;
  }

  /** Another shopper's order is simply not found: no hint that it exists. */
  async findOwn(openid: string, orderNo: string): Promise<Order | undefined> {
    const { data } = await this.orders.where({ openid, orderNo }).limit(1).get();
    return data[0] as Order | undefined;
  }

  /** `match`: only orders matching one of these (e.g. a tab of 我的订单); all of the shopper's when absent. */
  async listOwn(openid: string, page: { offset: number; limit: number }, match?: readonly OrderMatch[]): Promise<{ orders: Order[]; total: number }> {
    const query = this.orders.where(this.ownMatching(openid, match));
    const [{ data }, { total }] = await Promise.all([
      query.orderBy('createdAt', 'desc').skip(page.offset).limit(page.limit).get(),
      query.count(),
    ]);
    return { orders: data as unknown as Order[], total };
  }

  /** The shopper's newest order matching one of `match` (e.g. the one still being paid). */
  async latestOwn(openid: string, match: readonly OrderMatch[]): Promise<Order | undefined> {
    const { data } = await this.orders.where(this.ownMatching(openid, match)).orderBy('createdAt', 'desc').limit(1).get();
    return data[0] as Order | undefined;
  }

  private ownMatching(openid: string, match: readonly OrderMatch[] | undefined): unknown {
    if (!match) return { openid };
    const _ = this.db.command;
    const clauses = match.map((m) => ({
      status: _.in([...m.statuses]),
      ...(m.expiresAfter !== undefined ? { expiresAt: _.gt(m.expiresAfter) } : {}),
      ...(m.expiredBy !== undefined ? { expiresAt: _.lte(m.expiredBy) } : {}),
    }));
    return _.and([{ openid }, _.or(clauses)]);
  }

  /** Compare-and-set. True when this call moved the order; false when its status (or `where`) no longer matched. */
  async transition(id: string, change: Transition): Promise<boolean> {
    const allowed = allowedFrom(change.to);
    const from = change.from ?? allowed;
    const illegal = from.filter((status) => !allowed.includes(status));
    if (illegal.length > 0) throw new AppError('INTERNAL', `no transition ${illegal.join('/')} → ${change.to}`);
    const _ = this.db.command;
    const { stats } = await this.orders
      .where({ ...(change.where ?? {}), _id: id, status: _.in([...from]) })
      .update({ data: { ...(change.set ?? {}), status: change.to, updatedAt: this.now() } });
    return stats.updated === 1;
  }

  /** A conditional change of fields that are not the status (e.g. storing pay params for our attempt). */
  async updateIf(id: string, condition: Record<string, unknown>, set: Record<string, unknown>): Promise<boolean> {
    const { stats } = await this.orders.where({ ...condition, _id: id }).update({ data: { ...set, updatedAt: this.now() } });
    return stats.updated === 1;
  }

  /**
   * Claim the right to ask the provider about this order now: of all callers, at most one per
   * `intervalMs` wins (compare-and-set on `lastStatusQueryAt`). `updatedAt` is left alone: it marks
   * state changes, which the create lease and reconcile read.
   */
  async claimStatusQuery(id: string, intervalMs: number): Promise<boolean> {
    const _ = this.db.command;
    const now = this.now();
    const due = _.or([{ lastStatusQueryAt: _.exists(false) }, { lastStatusQueryAt: _.lte(now - intervalMs) }]);
    const { stats } = await this.orders.where(_.and([{ _id: id }, due])).update({ data: { lastStatusQueryAt: now } });
    return stats.updated === 1;
  }

  /** Orders whose payment may be live at the provider and that nobody touched since `before`. */
  async listStale(statuses: readonly OrderStatus[], before: number, limit: number): Promise<Order[]> {
    const _ = this.db.command;
    const { data } = await this.orders
      .where({ status: _.in([...statuses]), updatedAt: _.lt(before) })
      .orderBy('updatedAt', 'asc')
      .limit(limit)
      .get();
    return data as unknown as Order[];
  }

  /** Least recently touched first: one that fails every run (its updatedAt bumped) must not hold the others back. */
  async listExpired(statuses: readonly OrderStatus[], now: number, limit: number): Promise<Order[]> {
    const _ = this.db.command;
    const { data } = await this.orders
      .where({ status: _.in([...statuses]), expiresAt: _.lt(now) })
      .orderBy('updatedAt', 'asc')
      .limit(limit)
      .get();
    return data as unknown as Order[];
  }

  /**
   * Claim a refund number (as the provider sees it) for one order: the unique _id of
   * `refund_numbers` decides between concurrent claims. Answers who holds it, us or another.
   */
  async claimRefundNo(providerRefundNo: string, orderId: string, refundNo: string): Promise<{ orderId: string; refundNo: string }> {
    const numbers = this.db.collection(REFUND_NUMBERS);
    try {
      await numbers.add({ data: { _id: providerRefundNo, orderId, refundNo, claimedAt: this.now() } });
      return { orderId, refundNo };
    } catch (err) {
      const { data } = await numbers.where({ _id: providerRefundNo }).limit(1).get();
      const holder = data[0];
      if (!holder) throw err;
      return { orderId: String(holder.orderId), refundNo: String(holder.refundNo) };
    }
  }

  /** Which order (if any) already used this refund number. */
  async findByRefundNo(refundNo: string): Promise<Order | undefined> {
    const { data } = await this.orders.where({ 'refunds.refundNo': refundNo }).limit(1).get();
    return data[0] as Order | undefined;
  }
}

