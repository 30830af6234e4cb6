/**
 * THE ONE PLACE: fault-matrix cases that fail today only because of defects being fixed on the
 * "money" branch (issue 10 item 1). The full soak (`npm run soak`) runs them and reports them as
 * losses; the jest subset leaves them out until that branch lands. After merging it, empty this
 * list (and run `npm run soak`): every case must then pass.
 */
export const KNOWN_DEFECT_CASES: ReadonlyMap<string, string> = new Map([
  // A create whose answer is lost, then the shopper's retry: the late provider order stays open under a
  // retired number, and a payment on it for an already PAID order is recorded as `duplicate`, not refunded.
  ['quickpay /QuickPay/JSAPIPay × lateLanding', 'retired number left open; payment on it recorded as duplicate'],
  ['caibao open.pay.mp × lateLanding', 'retired number left open; payment on it recorded as duplicate'],
  ['caibao open.pay.scan × lateLanding', 'retired number left open'],
  ['tencent official_account_pay × lateLanding', 'retired number left open; payment on it recorded as duplicate'],
  // Caibao refund whose answer is lost: the retry queries while the first is in flight and sends again (asked 600, refunded 1200).
  ['caibao open.pay.refund × lateLanding', 'refund sent twice on a late answer'],
  ['caibao open.pay.refund × lateAnswer', 'refund sent twice on a late answer'],
  // NEW, found by this soak (not in issue 10's list; reported to the lead): an instance that dies between
  // claiming the order (PAYING, no payment) and calling the provider leaves the order PAYING for good —
  // reconcile's query of a number the provider never saw is refused, and closeOrder only treats that
  // refusal as "nothing there" for UNKNOWN orders (server/orders/closing.ts).
  ['quickpay /QuickPay/JSAPIPay × crash after write 2', 'NEW: order left PAYING after a crash between claim and provider call'],
  ['caibao open.pay.mp × crash after write 2', 'NEW: order left PAYING after a crash between claim and provider call'],
  ['caibao open.pay.scan × crash after write 2', 'NEW: order left PAYING after a crash between claim and provider call'],
  ['tencent official_account_pay × crash after write 2', 'NEW: order left PAYING after a crash between claim and provider call'],
]);
