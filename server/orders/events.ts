/**
 * `payment_events`: an append-only record of every provider call outcome and every verified
 * notification, including those for orders we cannot find, so nothing that happened is lost.
 * Entries are only ever added. They hold statuses, amounts and error codes, never pay params,
 * signatures or credentials.
 */
import type { ProviderName, ProviderStatus } from '../gateways/contract';
import { createLogger } from '../platform/log';
import type { CloudDatabase } from './cloud-database';

export const PAYMENT_EVENTS = 'payment_events';

/** `message`: the shopper's "payment succeeded" subscribe message (outcome sent | failed), see server/shopper/paid-message.ts. */
export type PaymentEventKind = 'create' | 'query' | 'close' | 'refund' | 'notification' | 'message';

export interface PaymentEvent {
  kind: PaymentEventKind;
  provider: ProviderName;
  orderNo: string;
  /**
   * Our order's _id; null when no order with that number exists; absent when a notification was
   * applied by its order number in one step, without reading the order (find it by `orderNo`).
   */
  orderId?: string | null;
  /** ok, or how the call failed: not_sent | rejected | unknown; for notifications: applied | paid_after_close | double_payment | duplicate | ignored | amount_mismatch | merchant_mismatch | unknown_order. */
  outcome: string;
  providerStatus?: ProviderStatus;
  rawStatus?: string;
  amount?: number;
  merchantId?: string;
  refundNo?: string;
  /** A refund call's normalised answer: SUCCEEDED | PENDING | FAILED. */
  refundStatus?: string;
  errorCode?: string;
  message?: string;
  /** Where the information came from: a notification's own signature, our query prompted by a hint, or a hint alone (about an order already paid on that number: nothing asked). */
  via?: 'signed_notification' | 'query_after_hint' | 'query' | 'hint';
}

const log = createLogger('payment-events');

/** The local cloud and CloudBase both name a unique-key violation so. */
function isDuplicateKey(err: unknown): boolean {
  const errMsg = (err as { errMsg?: unknown } | null)?.errMsg;
  const text = `${err instanceof Error ? err.message : ''} ${typeof errMsg === 'string' ? errMsg : ''}`;
  return /duplicate key/i.test(text);
}

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

  /**
   * Record a notification under its own key, once: false when one with that key is recorded
   * already (a repeated delivery). Throws when it cannot write.
   */
  async recordOnce(key: string, event: PaymentEvent): Promise<boolean> {
    const data: Record<string, unknown> = { _id: key, at: this.now() };
    for (const [field, value] of Object.entries(event)) if (value !== undefined) data[field] = value;
    try {
      await this.db.collection(PAYMENT_EVENTS).add({ data });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  /** Complete a keyed record written before its outcome was known (the outcome, the order it concerned). */
  async complete(key: string, fields: Pick<PaymentEvent, 'outcome'> & { orderId: string | null }): Promise<void> {
    await this.db.collection(PAYMENT_EVENTS).doc(key).update({ data: { ...fields } });
  }

  /** Take back a keyed record whose handling failed, so that the provider's next delivery is handled. */
  async forget(key: string): Promise<void> {
    await this.db.collection(PAYMENT_EVENTS).doc(key).remove();
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
