/**
 * Every QuickPay ASSUMPTION in one file: what its public pages leave out and we had to choose.
 * The sandbox (sandbox/quickpay) imports this file on purpose, so that one edit moves adapter and
 * witness together; nothing else of the adapter is shared with it. Each entry says what evidence
 * would settle it. Everything not here is documented (README.md lists the rules and their pages).
 */

/**
 * AUTHENTICATION. The pages show no sign field in requests, answers or notifications, and name no
 * credential. We send one credential in one HTTP header, name and value both configured
 * (QUICKPAY_AUTH_HEADER / QUICKPAY_AUTH_VALUE).
 * Settled by: QuickPay's merchant onboarding documents (the key they issue and where it goes), or
 * one real request/answer pair captured on their test environment.
 */
export function authHeaders(settings: { authHeader: string; authValue: string }): Record<string, string> {
  return { [settings.authHeader]: settings.authValue };
}

/**
 * CANCEL. The pages mention a 取消支付接口 (cancel payment) but its route and body were not found.
 * We call `POST QuickPay/Cancel` with the Query body `{store_no, order_no}`, answered with the usual
 * `{code, msg, data}` envelope.
 * Settled by: the help page for the cancel action (`POST QuickPay/<Action>` with its body table).
 */
export const CANCEL_ROUTE = 'QuickPay/Cancel';

/**
 * NOTIFICATION BODY. The pages say only that the result is POSTed to notify_url. We accept a
 * PayResultInfo as JSON (bare or wrapped in `{code, msg, data}`) or as form fields
 * (application/x-www-form-urlencoded), and read only order_no and store_no from it.
 * Settled by: one notification captured at a real notify_url (its content type and body).
 */
export const NOTIFICATION_FORMATS = ['json', 'json-wrapped', 'form'] as const;
export type NotificationFormat = (typeof NOTIFICATION_FORMATS)[number];

/**
 * NO CLOSED STATUS. transaction_status documents CREATE, PAYING, SUCCESSED, FAILED, UNKNOWN,
 * REFUNDED, REFUNDFAILED, none of them "closed". We read a cancelled order as FAILED (the sandbox
 * answers FAILED with message "cancelled").
 * Settled by: the cancel action's page, or a Query answer for a cancelled order.
 */
export const CANCELLED_TRANSACTION_STATUS = 'FAILED';

/**
 * TRANSACTION TIME. The example says only "sample string". We read ISO 8601 with an offset, or
 * "yyyy-MM-dd HH:mm:ss" / "yyyyMMddHHmmss" in China time (UTC+8); anything else is left out.
 * Settled by: a real PayResultInfo for a paid order.
 */
export const TRANSACTION_TIME_ZONE_OFFSET_HOURS = 8;

/**
 * REFUND NUMBER LIMITS. The refund body documents no lengths; we apply order_no's (1–32).
 * Settled by: the QuickPay/Refund help page's field table.
 */
export const REFUND_NO_LENGTH = { min: 1, max: 32 } as const;

/**
 * NO "NOT FOUND" CODE, AND EVERY OTHER CODE A REFUSAL. Only `code: "SUCCESS"` is documented (the
 * ResultCode type is named, its values are not). Any other code is read as a refusal (nothing done,
 * PROVIDER_REJECTED); a Query for an order QuickPay does not have cannot be told apart from any
 * other refusal, so it is a plain refusal, never "not found".
 * Settled by: the ResultCode enumeration page (whether some code means "system busy, outcome unknown").
 */
export const NOT_FOUND_CODES: readonly string[] = [];
