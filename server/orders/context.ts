/** What the order services share: the repository, the event log, the configured provider, settings, time. */
import type { PaymentGateway } from '../gateways/contract';
import type { CloudDatabase } from './cloud-database';
import { PaymentEventLog } from './events';
import type { Order } from './model';
import { OrderRepository } from './repository';

export interface OrderSettings {
  shopName: string;
  /** How long an order can be paid; the provider is told the same deadline. */
  orderExpiryMs: number;
  /** Our merchant id at the provider (store / sub-merchant): a provider state naming another is refused. */
  merchantId?: string;
  /** How long a second (double-tapped) create call waits for the first one's provider answer. */
  createWaitMs: number;
  /** A create call with no answer after this long is treated as unknown (its caller is gone). */
  createLeaseMs: number;
  /** A shopper's status checks ask the provider at most once per this interval per order. */
  statusQueryIntervalMs: number;
  /**
   * The provider call's deadline (the adapter's time-out). An answer lost to it may still be
   * processed late; see `lateAnswerWindowMs`. Without it the create lease stands in (longer than any).
   */
  callDeadlineMs?: number;
}

/**
 * After a call whose outcome is unknown, how long its effect may still land at the provider:
 * twice the call deadline. Only after that does a query's "nothing there" prove nothing happened.
 */
export function lateAnswerWindowMs(settings: OrderSettings): number {
  return 2 * (settings.callDeadlineMs ?? settings.createLeaseMs);
}

export interface OrderContext {
  repo: OrderRepository;
  events: PaymentEventLog;
  gateway: PaymentGateway;
  settings: OrderSettings;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /**
   * Told once per order, by the call whose compare-and-set made it PAID (settlement), after that is
   * recorded: e.g. the shopper's "payment succeeded" message. Must not throw; a failure there never
   * affects the payment.
   */
  onPaid?: (order: Order) => Promise<void>;
}

export function createOrderContext(db: CloudDatabase, gateway: PaymentGateway, settings: OrderSettings, now: () => number = Date.now): OrderContext {
  return {
    repo: new OrderRepository(db, now),
    events: new PaymentEventLog(db, now),
    gateway,
    settings,
    now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}
