/**
 * Everything about Tencent Cloud Pay that we chose because nothing public says (PROTOCOLS.md marks
 * these "assumed"). One place, so that one edit changes them. A few documented limits used next
 * to them live here too and say "documented".
 */

/**
 * `order_client.terminal_type` and `sdk_version` are required by query/close/refund/query_refund
 * (documented) but their values for a server are not: 100 = "other" terminal; the SDK version is
 * ours to name (String(10)).
 */
export const TERMINAL_TYPE_OTHER = 100;
export const SDK_VERSION = 'ts-1.0';

/**
 * `body` is String(128). Whether that counts characters or bytes is not said: we send at most 128
 * UTF-8 bytes, which satisfies both readings; the sandbox enforces 128 characters.
 */
export const BODY_MAX_BYTES = 128;

/** `detail` is String(6000) (documented); when the goods list is longer we leave the optional field out. */
export const DETAIL_MAX_CHARS = 6000;

/**
 * The notification reply's status when we could not process it: the docs say only "non-zero =
 * failed or please retry"; we answer 103 (internal error, retry).
 */
export const NOTIFY_REPLY_RETRY_STATUS = 103;
export const NOTIFY_REPLY_OK_DESCRIPTION = 'OK';
export const NOTIFY_REPLY_RETRY_DESCRIPTION = 'not processed, please retry';

/*
 * The reference says refunds may be authenticated by RSA signature (`authen_info.s`) or by the
 * authen code (`authen_info.a`), "either one"; we use the authen code everywhere (one key), so
 * envelope.ts has a single signing rule.
 */

/** Status 103 says "retry after about 3 seconds, or query" (documented). */
export const RETRY_AFTER_INTERNAL_ERROR_MS = 3_000;

/** Without TENCENT_TIMEOUT_MS. */
export const DEFAULT_TIMEOUT_MS = 10_000;
