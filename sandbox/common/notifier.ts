/**
 * Delivers a provider's payment notifications the way providers do: POST, and if the merchant's
 * reply is not the provider's acknowledgement, again after each delay of the provider's retry
 * schedule. Faults make the unhappy paths testable: a notification delivered twice, held back so a
 * later one overtakes it, or dropped altogether (the merchant must then find out by querying).
 */
import type { SandboxClock } from './clock';

export interface OutgoingNotification {
  url: string;
  headers?: Record<string, string>;
  body: string;
}

export type NotificationFault =
  /** Every attempt of the notification is delivered twice, concurrently. */
  | { kind: 'duplicate' }
  /** The notification waits `holdMs` sandbox ms (default 60 s) before its first attempt. */
  | { kind: 'outOfOrder'; holdMs?: number }
  /** The notification is never delivered. */
  | { kind: 'drop' }
  /** The notification is not delivered but kept in `held`, for a test to deliver as it likes (storms). */
  | { kind: 'hold' };

export interface DeliveryRecord {
  /** Which notification (as returned by `send`). */
  notificationId: number;
  /** 1 for the first attempt. */
  attempt: number;
  url: string;
  body: string;
  /** Sandbox time of the attempt. */
  at: number;
  status?: number;
  replyText?: string;
  error?: string;
  acknowledged: boolean;
  /** The fault applied to this notification, if any. */
  fault?: NotificationFault['kind'];
}

export interface NotifierOptions {
  clock: SandboxClock;
  /** Sandbox ms to wait before each retry after the first attempt; its length is the number of retries. */
  retryDelaysMs: readonly number[];
  /** The provider's rule for "the merchant has acknowledged". */
  isAcknowledged(status: number, replyText: string): boolean;
  /** Real ms to wait for the merchant's answer to one attempt. */
  attemptTimeoutMs?: number;
}

export class Notifier {
  /** Every attempt, in the order they finished (dropped notifications appear once, with attempt 0). */
  readonly deliveries: DeliveryRecord[] = [];
  /** Notifications kept back by the `hold` fault, with their ids. */
  readonly held: Array<OutgoingNotification & { notificationId: number }> = [];
  private nextId = 1;
  private busy = 0;
  private firstAttempts = 0;
  private readonly firstAttemptWaiters: Array<() => void> = [];
  private closed = false;
  private readonly cancels = new Set<() => void>();
  private readonly waiters: Array<() => void> = [];
  private readonly armed: Array<{ fault: NotificationFault; remaining: number | undefined }> = [];

  constructor(private readonly options: NotifierOptions) {}

  /** Arms a fault for the next `times` notifications (or until cleared). */
  setFault(fault: NotificationFault, options: { times?: number } = {}): void {
    this.armed.length = 0;
    this.armed.push({ fault, remaining: options.times });
  }

  clearFaults(): void {
    this.armed.length = 0;
  }

  /** Queues a notification; returns its id. Delivery happens in the background. */
  send(notification: OutgoingNotification): number {
    const id = this.nextId++;
    if (this.closed) return id;
    const fault = this.takeFault();
    if (fault?.kind === 'hold') {
      this.held.push({ ...notification, notificationId: id });
      return id;
    }
    if (fault?.kind === 'drop') {
      this.deliveries.push({
        notificationId: id,
        attempt: 0,
        url: notification.url,
        body: notification.body,
        at: this.options.clock.now(),
        acknowledged: false,
        fault: 'drop',
      });
      return id;
    }
    const firstDelay = fault?.kind === 'outOfOrder' ? (fault.holdMs ?? 60_000) : 0;
    this.firstAttempts += 1;
    this.schedule(firstDelay, () => this.attempt(id, notification, 1, fault));
    return id;
  }

  /**
   * Resolves when every notification sent so far has had its first attempt (retries may follow on
   * the provider's schedule): for runs whose clock is too slow to wait for `idle()`.
   */
  delivered(): Promise<void> {
    if (this.firstAttempts === 0) return Promise.resolve();
    return new Promise((resolve) => this.firstAttemptWaiters.push(resolve));
  }

  private firstAttemptDone(): void {
    this.firstAttempts = Math.max(0, this.firstAttempts - 1);
    if (this.firstAttempts === 0) for (const resolve of this.firstAttemptWaiters.splice(0)) resolve();
  }

  /** Resolves when no delivery is running or waiting for its next attempt. */
  idle(): Promise<void> {
    if (this.busy === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Stops every pending retry (sandbox shutdown). */
  close(): void {
    this.closed = true;
    for (const cancel of this.cancels) cancel();
    this.cancels.clear();
    this.busy = 0;
    this.firstAttempts = 1;
    this.firstAttemptDone();
    this.settle();
  }

  /** The provider's rule: does this reply acknowledge a notification? */
  acknowledges(status: number, replyText: string): boolean {
    return this.options.isAcknowledged(status, replyText);
  }

  /** Deliveries of one notification. */
  attemptsOf(notificationId: number): DeliveryRecord[] {
    return this.deliveries.filter((d) => d.notificationId === notificationId);
  }

  private takeFault(): NotificationFault | undefined {
    const armed = this.armed[0];
    if (!armed) return undefined;
    if (armed.remaining !== undefined) {
      armed.remaining -= 1;
      if (armed.remaining <= 0) this.armed.length = 0;
    }
    return armed.fault;
  }

  private schedule(delayMs: number, task: () => Promise<void>): void {
    this.busy += 1;
    let cancel: () => void = () => undefined;
    const run = () => {
      this.cancels.delete(cancel);
      void task().finally(() => this.release());
    };
    cancel = this.options.clock.setTimeout(run, delayMs);
    this.cancels.add(cancel);
  }

  private release(): void {
    if (this.closed) return;
    this.busy -= 1;
    this.settle();
  }

  private settle(): void {
    if (this.busy > 0) return;
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  private async attempt(id: number, notification: OutgoingNotification, attempt: number, fault?: NotificationFault): Promise<void> {
    if (this.closed) return;
    const copies = fault?.kind === 'duplicate' ? 2 : 1;
    const results = await Promise.all(Array.from({ length: copies }, () => this.post(id, notification, attempt, fault)));
    if (attempt === 1) this.firstAttemptDone();
    if (this.closed || results.some(Boolean)) return;
    const delay = this.options.retryDelaysMs[attempt - 1];
    if (delay === undefined) return;
    this.schedule(delay, () => this.attempt(id, notification, attempt + 1, fault));
  }

  private async post(id: number, notification: OutgoingNotification, attempt: number, fault?: NotificationFault): Promise<boolean> {
    const record: DeliveryRecord = {
      notificationId: id,
      attempt,
      url: notification.url,
      body: notification.body,
      at: this.options.clock.now(),
      acknowledged: false,
      ...(fault ? { fault: fault.kind } : {}),
    };
    try {
      const response = await fetch(notification.url, {
        method: 'POST',
        headers: notification.headers,
        body: notification.body,
        signal: AbortSignal.timeout(this.options.attemptTimeoutMs ?? 5_000),
      });
      record.status = response.status;
      record.replyText = await response.text();
      record.acknowledged = this.options.isAcknowledged(response.status, record.replyText);
    } catch (err) {
      record.error = err instanceof Error ? err.message : String(err);
    }
    if (!this.closed) this.deliveries.push(record);
    return record.acknowledged;
  }
}
