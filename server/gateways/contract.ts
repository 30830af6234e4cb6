/**
 * The one interface every payment provider implements. The order service speaks only this; a
 * provider folder translates it to its own protocol: build request → sign → send → verify → parse →
 * map status. Only an explicit success from the provider maps to PAID; anything unknown stays
 * PENDING/UNKNOWN and is resolved by `query`.
 */
import type { Fen } from '../platform/money';
import { AppError, type ErrorCode } from '../platform/errors';
import type { DeliveryOutcome } from '../platform/http';

/** A registered provider's name: one line in registry.ts adds one. */
export type ProviderName = import('./registry').RegisteredProvider;

/** Who pays: the mini program's AppID and the shopper's openid, both from the cloud context. */
export interface Payer {
  appId: string;
  openId: string;
  /** The shopper's IP when the cloud context knows it (CLIENTIP). */
  clientIp?: string;
}

export interface OrderLine {
  skuId: string;
  name: string;
  unitPrice: Fen;
  quantity: number;
}

/** What we ask a provider to collect. `amount` equals the sum of the lines, priced on the server. */
export interface PaymentOrder {
  orderNo: string;
  amount: Fen;
  /** Short human description, e.g. "小店 - 西湖龙井×2". Providers truncate to their limits. */
  description: string;
  lines: readonly OrderLine[];
  /** When the provider should stop accepting payment, where it supports that. */
  expiresAt?: Date;
}

/** Exactly what `wx.requestPayment` takes; passed through from the provider unchanged. */
export interface RequestPaymentParams {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'MD5' | 'HMAC-SHA256' | 'RSA';
  paySign: string;
}

export interface JsapiPayment {
  params: RequestPaymentParams;
  /** The provider's own id for the order, when it gives one. */
  providerOrderId?: string;
}

export type QrChannel = 'wechat' | 'alipay';

export interface QrPayment {
  /** Text to render as a QR code. */
  qrContent: string;
  providerOrderId?: string;
}

/**
 * A provider's view of an order, normalised.
 * PENDING: created, not paid (yet). UNKNOWN: the provider itself does not know: query again later.
 */
export type ProviderStatus =
  | 'PENDING'
  | 'PAID'
  | 'CLOSED'
  | 'FAILED'
  | 'REFUNDING'
  | 'PARTIALLY_REFUNDED'
  | 'REFUNDED'
  | 'UNKNOWN';

export interface ProviderOrderState {
  orderNo: string;
  status: ProviderStatus;
  /** The provider's status exactly as it sent it, for the record. */
  rawStatus: string;
  /** Order total as the provider has it: checked against our own order before anything moves. */
  amount?: Fen;
  /** The currency `amount` is in, when the provider says (ISO 4217): anything but CNY is a mismatch, nothing moves. */
  currency?: string;
  /** Merchant/store the provider says the order belongs to: checked against our configuration. */
  merchantId?: string;
  providerOrderId?: string;
  paidAt?: Date;
  refundedAmount?: Fen;
}

export interface RefundRequest {
  orderNo: string;
  /** Unique per refund; the same refundNo on a retry must not refund twice. */
  refundNo: string;
  orderAmount: Fen;
  refundAmount: Fen;
  reason?: string;
}

export type RefundStatus = 'SUCCEEDED' | 'PENDING' | 'FAILED';

export interface RefundResult {
  refundNo: string;
  status: RefundStatus;
  rawStatus: string;
  refundAmount: Fen;
  /** The currency `refundAmount` is in, when the provider says: anything but CNY is a mismatch. */
  currency?: string;
  providerRefundId?: string;
  /**
   * Set when the provider says the refund cannot finish without a person (e.g. the shopper's card
   * refused it and the money went back to the merchant): what happened and what to do. Never
   * together with SUCCEEDED.
   */
  manualActionRequired?: string;
}

/** An HTTP request as the notification endpoint received it: the body as raw bytes. */
export interface IncomingNotification {
  headers: Readonly<Record<string, string | undefined>>;
  body: Buffer;
}

/**
 * `verified`: signature checked, the state may be applied (after amount/merchant checks).
 * `hint`: the provider does not sign notifications; only `orderNo` may be used, to query.
 */
export type ParsedNotification =
  | { kind: 'verified'; state: ProviderOrderState }
  | { kind: 'hint'; orderNo: string };

/** The exact HTTP reply a provider expects. */
export interface HttpReply {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export interface PaymentGateway {
  readonly name: ProviderName;
  /** Order numbers for this provider must start with this (Tencent Cloud Pay); '' otherwise. */
  readonly orderNoPrefix: string;
  createJsapi(order: PaymentOrder, payer: Payer): Promise<JsapiPayment>;
  /** QR payment, where the provider has it. */
  createQr?(order: PaymentOrder, channel: QrChannel): Promise<QrPayment>;
  query(orderNo: string): Promise<ProviderOrderState>;
  /** Cancel an unpaid order at the provider. */
  close(orderNo: string): Promise<void>;
  refund(request: RefundRequest): Promise<RefundResult>;
  /** Throws GatewayError SIGNATURE_INVALID / INVALID_ARGUMENT for a notification that cannot be trusted or read. */
  parseNotification(notification: IncomingNotification): ParsedNotification;
  /** The reply for a notification: `ok` true = processed (stop retrying), false = please retry. */
  acknowledge(ok: boolean): HttpReply;
}

/**
 * A failed provider call. `outcome` says what we know of the provider's side:
 * - `not_sent` / `rejected`: nothing was created there; safe to retry (a new order number when
 *   `newOrderNoRequired`);
 * - `unknown`: it may have been processed: resolve by querying, never by guessing.
 */
export type GatewayOutcome = DeliveryOutcome | 'rejected';

export class GatewayError extends AppError {
  override readonly name = 'GatewayError';
  constructor(
    readonly provider: ProviderName,
    code: ErrorCode,
    message: string,
    readonly outcome: GatewayOutcome,
    options: { retryable?: boolean; providerCode?: string; newOrderNoRequired?: boolean; cause?: unknown } = {},
  ) {
    super(code, `${provider}: ${message}`, options.retryable ?? outcome !== 'rejected', { cause: options.cause });
    this.providerCode = options.providerCode;
    this.newOrderNoRequired = options.newOrderNoRequired ?? false;
  }
  readonly providerCode: string | undefined;
  readonly newOrderNoRequired: boolean;
}
