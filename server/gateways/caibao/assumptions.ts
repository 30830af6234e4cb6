/**
 * Everything about Caibao that its public v1 pages do NOT say, chosen by us and kept here so that
 * one edit changes it (PROTOCOLS.md §2 marks these "assumed"). The adapter and the sandbox both
 * read these constants; the documented rules live in commands.ts, sign.ts and verify.ts.
 */

/** `version` sent with every command: the documented default. 1.1 only adds unsigned fields. */
export const PROTOCOL_VERSION = '1.0';

/**
 * Refund idempotency. The v1 `open.pay.refund` page lists no refund number, so Caibao cannot
 * de-duplicate a retried refund for us, and we send no field it does not document.
 * Assumed policy: at most ONE refund per order (full or partial). Before sending, the adapter
 * queries the order: if Caibao already shows exactly the requested refund amount, the earlier
 * attempt (same refundNo, e.g. after a time-out) landed and is reported as SUCCEEDED without
 * sending again; if it shows any other refunded amount, the request is refused (CONFLICT).
 */
export const ONE_REFUND_PER_ORDER = true;

/**
 * The request fields of the commands whose pages we were not given (query, reverse, refund):
 * PROTOCOLS.md says each takes `local_order_no` or `order_no` plus `timestamp`. Assumed: they
 * follow the general signing rule (every field except command, version, sign, notify_url is
 * signed) and the common `app`/`operator_id` fields are required as in the documented commands.
 */
export const ASSUMED_REQUEST_FIELDS = {
  'open.pay.query': ['local_order_no', 'order_no'],
  'open.pay.reverse': ['local_order_no', 'order_no'],
  'open.pay.refund': ['local_order_no', 'order_no', 'refund_amount'],
} as const;

/**
 * Which answer fields those three commands sign. Assumed: every `data` field except `sign`
 * (the rule the documented notification follows).
 */
export const ASSUMED_ANSWER_SIGNED = 'ALL_BUT_SIGN' as const;

/** `payTime` format: not documented. Assumed "yyyy-MM-dd HH:mm:ss" in China time, or epoch ms. */
export const PAY_TIME_UTC_OFFSET = '+08:00';
