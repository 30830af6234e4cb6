/**
 * `payment_events`: an append-only record of every provider call outcome and of every verified
 * notification the order itself does not carry, including those for orders we cannot find, so
 * nothing that happened is lost. Entries are only ever added. They hold statuses, amounts and error
 * codes, never pay params, signatures or credentials.
 *
 * A notification's commonest deliveries are recorded on the order, by the one conditional update
 * that handles them (a network round trip each in CloudBase): the one that moves the order is
 * pushed onto `order.notifications` by that compare-and-set, and a repeat of what the order already
 * says is counted in `order.notificationRepeats`. `notificationHistory` reads both back as events.
 */
import type { ProviderName, ProviderStatus } from '../gateways/contract';
import { createLogger } from '../platform/log';
import type { CloudDatabase } from './cloud-database';
import type { Order } from './model';

export const PAYMENT_EVENTS = 'payment_events';

/** `message`: the shopper's "payment succeeded" subscribe message (outcome sent | failed), see server/shopper/paid-message.ts. */
export type PaymentEventKind = 'create' | 'query' | 'close' | 'refund' | 'notification' | 'message';

export interface PaymentEvent {
  kind: PaymentEventKind;
  provider: ProviderName;
  orderNo: string;
  /**
   * Our order's _id; null when no order with that number exists; absent when the order was not read
   * (a query prompted by a hint that failed: find it by `orderNo`).
   */
  orderId?: string | null;
  /** ok, or how the call failed: not_sent | rejected | unknown; for notifications: applied | paid_after_close | double_payment | duplicate | ignored | amount_mismatch | merchant_mismatch | unknown_order. */
  outcome: string;
  providerStatus?: ProviderStatus;
  rawStatus?: string;
  amount?: number;
  /** The currency the provider gave `amount` in, when it said (anything but CNY is refused). */
  currency?: string;
  merchantId?: string;
  refundNo?: string;
  /** A refund call's normalised answer: SUCCEEDED | PENDING | FAILED. */
  refundStatus?: string;
  errorCode?: string;
  message?: string;
  /** Where the information came from: a notification's own signature, or our query (prompted by a hint, or our own). */
  via?: 'signed_notification' | 'query_after_hint' | 'query';
  /** How many deliveries this entry stands for (the order's count of repeats); absent: one. */
  deliveries?: number;
}

/** An event as stored, with its time (ms). */
export type RecordedEvent = PaymentEvent & { at: number };

/** A notification recorded on the order by the compare-and-set it made. */
export type NotificationRecord = RecordedEvent & { kind: 'notification' };

/** The notification deliveries an order carries, as events: those that moved it, then its repeats as one entry. */
export function notificationHistory(order: Pick<Order, 'provider' | 'orderNo' | 'notifications' | 'notificationRepeats'>): RecordedEvent[] {
  const repeats = order.notificationRepeats;
  return [
    ...(order.notifications ?? []),
    ...(repeats && repeats.count > 0
      ? [{ kind: 'notification' as const, provider: order.provider, orderNo: order.orderNo, outcome: 'duplicate', at: repeats.lastAt, deliveries: repeats.count }]
      : []),
  ];
}

const log = createLogger('payment-events');

export class PaymentEventLog {
  constructor(
    private readonly db: CloudDatabase,
    private readonly now: () => number = Date.now,
  ) {}

  /** Throws when it cannot write: a notification is acknowledged only once it is recorded. */
  async record(event: PaymentEvent): Promise<void> {
    const data: Record<string, unknown> = { at: this.now() };
    for (const [key, value] of Object.entries(event)) if (value !== undefined) data[key] = value;
    await this.db.collection(PAYMENT_EVENTS).add({ data });
  }

  /** The latest recorded event of this kind and outcome for an order number (e.g. when its pay params were created). */
  async lastOutcome(orderNo: string, kind: PaymentEventKind, outcome: string): Promise<{ at: number } | undefined> {
    const { data } = await this.db.collection(PAYMENT_EVENTS).where({ orderNo, kind, outcome }).orderBy('at', 'desc').limit(1).get();
    const at = data[0]?.at;
    return typeof at === 'number' ? { at } : undefined;
  }

  /** For provider call outcomes: a failure to write is logged, never allowed to hide the outcome itself. */
  async tryRecord(event: PaymentEvent): Promise<void> {
    try {
      await this.record(event);
    } catch (err) {
      log.error('could not record payment event', { event, error: err });
    }
  }
}
