/**
 * Orders in the cloud database. Every change of status is a conditional update
 * `where({_id, status: in(allowed)}).update(...)`: the database decides who wins, so two callers
 * (a notification and a status query, two double-tapped create calls) never both move an order.
 * Nothing here reads an order and then writes what it read.
 */
import { AppError } from '../platform/errors';
import type { CloudDatabase } from './cloud-database';
import { ORDERS, uncoveredPreviousNumbers, type DoublePayment, type Order, type OrderPayment, type ProviderCreate, type RetiredOrderNo } from './model';
import { allowedFrom, type MoveCause, type OrderStatus } from './states';

/** Refund numbers, one document per number the provider sees (`_id`), naming the order that used it. */
export const REFUND_NUMBERS = 'refund_numbers';

/** Where a refund entry lives on the order: one of its own refunds, or the refund of a double payment. */
export type RefundSlot = { kind: 'refund'; index: number } | { kind: 'double_payment'; index: number };

function slotPath(slot: RefundSlot): string {
  return slot.kind === 'refund' ? `refunds.${slot.index}` : `doublePayments.${slot.index}.refund`;
}

/** The conditions that the entry in `slot` is still the PENDING refund `refundNo`. */
function pendingEntry(slot: RefundSlot, refundNo: string): Record<string, unknown> {
  const path = slotPath(slot);
  return { [`${path}.refundNo`]: refundNo, [`${path}.status`]: 'PENDING' };
}

export interface Transition {
  to: OrderStatus;
  /** Whose move it is (the table in states.ts): narrows the allowed sources to that cause's moves. */
  by?: MoveCause;
  /** Narrower than every status allowed to reach `to` (e.g. only PAYING). */
  from?: readonly OrderStatus[];
  /** Extra fields that must match (e.g. the attemptId that owns the create call). */
  where?: Record<string, unknown>;
  set?: Record<string, unknown>;
}

/** What retiring a number needs of the order as read: the number it carries, and its earlier ones. */
export type RetiringOrder = Pick<Order, '_id' | 'orderNo' | 'previousOrderNos' | 'retiredOrderNos'>;

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
    const allowed = allowedFrom(change.to, change.by);
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
   * A provider report applied by the order's current number, without reading the order first: one
   * compare-and-set on the number, the allowed sources and the amount. True when
   * this call moved the order.
   */
  async transitionByNumber(orderNo: string, change: Transition & { amount?: number }): Promise<boolean> {
    const from = change.from ?? allowedFrom(change.to, change.by);
    const _ = this.db.command;
    const { stats } = await this.orders
      .where({ ...(change.where ?? {}), orderNo, status: _.in([...from]), ...(change.amount !== undefined ? { amount: change.amount } : {}) })
      .update({ data: { ...(change.set ?? {}), status: change.to, updatedAt: this.now() } });
    return stats.updated === 1;
  }

  /**
   * A repeated delivery of a notification, detected and recorded in one step: counted on the order
   * that `match` finds already saying what it says. False when none matches (it is not a repeat, or
   * not one this can tell). `updatedAt` is left alone: nothing about the order changed.
   */
  async recordRepeat(match: Record<string, unknown>): Promise<boolean> {
    const { stats } = await this.orders.where(match).update({ data: { notificationRepeats: { count: this.db.command.inc(1), lastAt: this.now() } } });
    return stats.updated > 0;
  }

  /**
   * The pay params of our create attempt under `orderNo`, stored while the attempt still owns the
   * order, with the record of that create call (one write for both).
   */
  async storePayment(id: string, attemptId: string, payment: OrderPayment, orderNo: string): Promise<boolean> {
    const _ = this.db.command;
    const created: ProviderCreate = { orderNo, at: this.now() };
    // _.set: the object replaces the field (a plain object would be merged into the stored null).
    return this.updateIf(id, { attemptId, status: 'PAYING' }, { payment: _.set(payment), providerCreates: _.push([created]) });
  }

  /**
   * Back to CREATED under `newOrderNo`; the old number stays findable and open until the provider
   * proves it closed. Applied only while the order carries the number it was read with.
   */
  async retireOrderNo(order: RetiringOrder, from: OrderStatus, where: Record<string, unknown>, newOrderNo: string, mayBeOpen: boolean): Promise<boolean> {
    const _ = this.db.command;
    return this.transition(order._id, {
      to: 'CREATED',
      by: 'create',
      from: [from],
      where: { ...where, orderNo: order.orderNo },
      set: {
        orderNo: newOrderNo,
        previousOrderNos: _.push([order.orderNo]),
        ...this.retiring(order, order.orderNo, mayBeOpen),
        attemptId: null,
        payment: null,
      },
    });
  }

  /**
   * A provider report's move that makes the order paid on `paidOrderNo`, applied only while the
   * order carries the number it was read with. Paid on another (retired) number, that current
   * number is retired too, open: the provider may hold an order under it that the shopper could
   * also pay, so reconcile closes it until the provider confirms.
   */
  async transitionToPaid(order: RetiringOrder, paidOrderNo: string, change: Transition): Promise<boolean> {
    const retire = paidOrderNo === order.orderNo ? {} : this.retiring(order, order.orderNo, true);
    return this.transition(order._id, { ...change, where: { ...change.where, orderNo: order.orderNo }, set: { ...change.set, ...retire } });
  }

  /**
   * The fields that keep the order's current number watched by reconcile (retired, open) while it
   * keeps that number: for an order closed while a create whose answer was lost may still land.
   */
  watchCurrentNumber(order: RetiringOrder): Record<string, unknown> {
    return this.retiring(order, order.orderNo, true);
  }

  /** The fields that retire `orderNo`, and any previous number no entry covers yet (an order stored before retiredOrderNos existed). */
  private retiring(order: RetiringOrder, orderNo: string, mayBeOpen: boolean): Record<string, unknown> {
    const retiredAt = this.now();
    const legacy = uncoveredPreviousNumbers(order).map((previous): RetiredOrderNo => ({ orderNo: previous, retiredAt, open: true }));
    return { retiredOrderNos: this.db.command.push([...legacy, { orderNo, retiredAt, open: mayBeOpen }]) };
  }

  /** The provider confirmed retired number `index` closed (or proved it never existed). */
  async closeRetired(id: string, index: number, orderNo: string): Promise<boolean> {
    return this.updateIf(id, { [`retiredOrderNos.${index}.orderNo`]: orderNo, [`retiredOrderNos.${index}.open`]: true }, { [`retiredOrderNos.${index}.open`]: false });
  }

  /** Orders with a retired number the provider may still hold open, least recently touched first. */
  async listOpenRetired(limit: number): Promise<Order[]> {
    const { data } = await this.orders.where({ 'retiredOrderNos.open': true }).orderBy('updatedAt', 'asc').limit(limit).get();
    return data as unknown as Order[];
  }

  /** Orders stored before `retiredOrderNos` existed whose numbers were retired: none of those is known closed. */
  async listLegacyRetired(limit: number): Promise<Order[]> {
    const _ = this.db.command;
    // `gt('')` on an array: any element matches, so an empty previousOrderNos does not.
    const { data } = await this.orders.where({ previousOrderNos: _.gt(''), retiredOrderNos: _.exists(false) }).orderBy('updatedAt', 'asc').limit(limit).get();
    return data as unknown as Order[];
  }

  /**
   * An older order's previous numbers recorded as retired and open (the provider may hold them),
   * retired when last touched at the latest; undefined when another run did it first. updatedAt
   * stays: nothing about the order changed.
   */
  async adoptLegacyRetired(order: RetiringOrder & Pick<Order, 'updatedAt'>): Promise<RetiredOrderNo[] | undefined> {
    const _ = this.db.command;
    const retired = uncoveredPreviousNumbers(order).map((orderNo): RetiredOrderNo => ({ orderNo, retiredAt: order.updatedAt, open: true }));
    const { stats } = await this.orders.where({ _id: order._id, retiredOrderNos: _.exists(false) }).update({ data: { retiredOrderNos: _.set(retired) } });
    return stats.updated === 1 ? retired : undefined;
  }

  /** Orders with a double payment whose refund is still pending. */
  async listPendingDoublePayments(limit: number): Promise<Order[]> {
    const { data } = await this.orders.where({ 'doublePayments.refund.status': 'PENDING' }).orderBy('updatedAt', 'asc').limit(limit).get();
    return data as unknown as Order[];
  }

  /**
   * Record a double payment while the order still has the `known` double payments it was read
   * with (entries are only ever appended): of two callers that read the same list, one writes.
   * False when the list grew meanwhile: read it again.
   */
  async addDoublePayment(id: string, payment: DoublePayment, known: number): Promise<boolean> {
    return this.updateIf(id, { [`doublePayments.${known}`]: this.db.command.exists(false) }, { doublePayments: this.db.command.push([payment]) });
  }

  /**
   * The lease for one provider call about a pending refund, for `leaseMs`; false when another call
   * holds it. `toSend`: only while no outcome is unknown, and marked unknown from now (the caller sends).
   */
  async takeRefundCall(id: string, slot: RefundSlot, refundNo: string, leaseMs: number, extra: Record<string, unknown> = {}, toSend = false): Promise<boolean> {
    const now = this.now();
    const path = slotPath(slot);
    const unknown = `${path}.unknownSince`;
    const where = { ...extra, ...pendingEntry(slot, refundNo), [`${path}.callingUntil`]: this.db.command.lt(now), ...(toSend ? { [unknown]: this.db.command.exists(false) } : {}) };
    return this.updateIf(id, where, { [`${path}.callingUntil`]: now + leaseMs, ...(toSend ? { [unknown]: now } : {}) });
  }

  /** Hold the entry until `until` (ms); `unknownSince` set = the next holder asks the provider first, null = it may send. */
  async holdRefundCall(id: string, slot: RefundSlot, refundNo: string, until: number, unknownSince?: number | null): Promise<void> {
    const path = slotPath(slot);
    const unknown = unknownSince === undefined ? {} : { [`${path}.unknownSince`]: unknownSince ?? this.db.command.remove() };
    await this.updateIf(id, pendingEntry(slot, refundNo), { [`${path}.callingUntil`]: until, ...unknown });
  }

  /**
   * Settle the pending refund entry in `slot`: its status, when, the provider's id, plus `change`
   * (the order's own move, for its own refunds). True when this call settled it.
   */
  async settleRefundEntry(
    id: string,
    slot: RefundSlot,
    refundNo: string,
    settled: { status: 'SUCCEEDED' | 'FAILED'; providerRefundId?: string },
    change?: Omit<Transition, 'where'>,
  ): Promise<boolean> {
    const path = slotPath(slot);
    const set = {
      [`${path}.status`]: settled.status,
      [`${path}.settledAt`]: this.now(),
      [`${path}.unknownSince`]: this.db.command.remove(),
      ...(settled.providerRefundId ? { [`${path}.providerRefundId`]: settled.providerRefundId } : {}),
    };
    if (!change) return this.updateIf(id, pendingEntry(slot, refundNo), set);
    return this.transition(id, { ...change, where: pendingEntry(slot, refundNo), set: { ...(change.set ?? {}), ...set } });
  }

  /**
   * Claim a refund number (as the provider sees it) for one order: the unique _id of
   * `refund_numbers` decides between concurrent claims. Answers who holds it, us or another.
   */
  async claimRefundNo(providerRefundNo: string, orderId: string, refundNo: string): Promise<{ orderId: string; refundNo: string; claimed?: true }> {
    const numbers = this.db.collection(REFUND_NUMBERS);
    try {
      await numbers.add({ data: { _id: providerRefundNo, orderId, refundNo, claimedAt: this.now() } });
      return { orderId, refundNo, claimed: true };
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

