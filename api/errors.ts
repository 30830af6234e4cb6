/**
 * The one error vocabulary of the product. Functions answer `{ok:false, error:{code, message,
 * retryable}}` with one of these codes. `message` is for logs and developers (English, never
 * secrets); a shopper is shown the client's own words for the code, never the message.
 */
export const ERROR_CODES = [
  'INVALID_ARGUMENT',
  'NOT_FOUND',
  'PERMISSION_DENIED',
  'CONFLICT',
  'ORDER_PAID',
  'ORDER_CLOSED',
  /** The order's time to pay is up (`pay` on an expired order, `cancel` is not refused for it). */
  'ORDER_EXPIRED',
  'AMOUNT_MISMATCH',
  'PROVIDER_REJECTED',
  'PROVIDER_UNAVAILABLE',
  'SIGNATURE_INVALID',
  'CONFIG_INVALID',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  retryable: boolean;
}

/** Every function's answer. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };
