/**
 * The sandbox's own choices where the cloud-pay reference is silent (assumed; change here).
 */

/** Notification retries after the first attempt, until a {"status":0} reply. Cloud pay
 * documents none; WeChat Pay v2's published schedule (15 s … 6 h) stands in for it. */
export const NOTIFY_RETRY_DELAYS_MS: readonly number[] = [
  15_000, 15_000, 30_000, 180_000, 600_000, 1_200_000, 1_800_000, 1_800_000, 1_800_000, 3_600_000, 10_800_000,
  10_800_000, 10_800_000, 21_600_000, 21_600_000,
];

/** A refund is "processing" (state 4) for this long (sandbox ms) before it succeeds (state 2). */
export const REFUND_SETTLE_MS = 10_000;

/** The service provider's own official-account AppID that the sandbox reports in answers. */
export const SERVICE_APP_ID = 'wx929d56168e0sandbx';

/*
 * Decisions where the docs give a status but not the case (also in sandbox/tencent/README.md):
 * - a reused out_trade_no with different content, or for an order no longer awaiting payment → 102
 *   (documented meaning: "retry with a new order number", e.g. the number is already used);
 * - the identical request again (a retry after an unknown outcome) → the same order and pay params;
 * - query/close/refund of an order (or refund) the sandbox does not know → 104;
 * - close of a paid order → 104; close of a closed order → 0 (idempotent);
 * - refund over the paid amount → 104 ("e.g. balance not enough"); refund total_fee ≠ order → 101;
 * - time_expire already in the past (sandbox clock) → 101;
 * - a notification reply whose authen_info is present but does not verify (or is lower-case hex) is
 *   not an acknowledgement; one without authen_info is (the page marks it optional);
 * - the mini program AppID the pay parameters are issued for: the AppID bound to the sub-merchant
 *   in the console (`credentials.appId`). By default the sandbox's console binds whatever
 *   `wxpay_pay_mch_key_ext.sub_app_id` a request names, so any local mini program can pay; with
 *   `bindRequestedAppId: false` only `credentials.appId` is bound and answers are issued for it
 *   whatever the request names (how a merchant who bound another AppID would be answered is not
 *   documented).
 */

/** The AppID bound in the sandbox's console unless another is given. */
export const DEFAULT_BOUND_APP_ID = 'wxsandboxminiprog01';
