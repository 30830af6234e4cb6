/**
 * What each setting means, for people. Names, whether a setting is required and its default come
 * from the schemas (settings.ts); a test fails when a variable lacks a line here or a line here
 * names no variable. `secret: true` must match what the code registers as a secret (tested).
 */
export const MEANINGS: Readonly<Record<string, { meaning: string; secret?: boolean }>> = {
  PAY_PROVIDER: { meaning: 'The payment provider' },
  SHOP_NAME: { meaning: 'Shown in order descriptions sent to the provider' },
  ORDER_EXPIRY_MINUTES: { meaning: 'An unpaid order is closed after this long' },
  RECONCILE_AFTER_MINUTES: { meaning: 'A pending order untouched this long is queried by `reconcile`' },
  PAY_CREATE_WAIT_MS: { meaning: "How long a double tap waits for the first tap's provider call" },
  STATUS_QUERY_INTERVAL_MS: {
    meaning: "A shopper's status checks ask the provider at most once per this interval per order (the rest answer from the database)",
  },
  REFUND_ADMIN_TOKEN: {
    meaning: '≥ 24 characters: `Authorization: Bearer <token>` over HTTP, or `adminToken` from trusted code calling `refund`',
    secret: true,
  },
  ADMIN_OPENIDS: { meaning: 'Openids (comma-separated) allowed into the merchant console; everyone else gets PERMISSION_DENIED' },
  QUICKPAY_BASE_URL: { meaning: 'API base; routes are `<base>/QuickPay/<Action>`' },
  QUICKPAY_STORE_NO: { meaning: 'Store code (`store_no`, 1–32 characters)' },
  QUICKPAY_AUTH_HEADER: { meaning: 'Header that carries the credential (the scheme is undocumented: assumed, isolated in `assumptions.ts`)' },
  QUICKPAY_AUTH_VALUE: { meaning: 'The credential sent in that header', secret: true },
  QUICKPAY_NOTIFY_URL: { meaning: 'Public URL of `payNotify`, sent as `notify_url`' },
  QUICKPAY_TIMEOUT_MS: { meaning: 'Deadline of one call' },
  CAIBAO_BASE_URL: { meaning: 'API base; requests go to `<base>/gatewayOpen.htm`' },
  CAIBAO_APP: { meaning: '`app`: the integrator id (接入商标识)' },
  CAIBAO_OPERATOR_ID: { meaning: '`operator_id`: the collecting cashier account' },
  CAIBAO_KEY: { meaning: 'The MD5 signing key', secret: true },
  CAIBAO_PUBLIC_KEY: { meaning: "Caibao's RSA public key (PEM; `\\n` escapes allowed) that signs answers and notifications" },
  CAIBAO_NOTIFY_URL: { meaning: 'Public URL of `payNotify`, sent as `notify_url`' },
  CAIBAO_TIMEOUT_MS: { meaning: 'Deadline of one call' },
  TENCENT_BASE_URL: { meaning: 'e.g. `https://pay.qcloud.com`; requests go to `<base>/cpay/<endpoint>`' },
  TENCENT_OUT_MCH_ID: { meaning: "Service provider's external account (`out_mch_id`)" },
  TENCENT_OUT_SUB_MCH_ID: { meaning: "Sub-merchant's external account (`out_sub_mch_id`)" },
  TENCENT_OUT_SHOP_ID: { meaning: "Shop's external account (`out_shop_id`)" },
  TENCENT_AUTHEN_KEY: { meaning: 'The authen key (HMAC-SHA256)', secret: true },
  TENCENT_ORDER_PREFIX: { meaning: 'The cloud-pay order prefix from the console; every order number starts with it' },
  TENCENT_SPBILL_IP: { meaning: "IPv4 sent as `spbill_create_ip` when the shopper's is unknown" },
  TENCENT_DEVICE_ID: { meaning: "`order_client.device_id`: the merchant's terminal id (String(64)), required by refund" },
  TENCENT_TIMEOUT_MS: { meaning: 'Deadline of one call' },
  PAID_MESSAGE_TEMPLATE_ID: { meaning: 'Template id of the "payment succeeded" subscribe message (console → subscribe messages); unset = no message' },
  PAID_MESSAGE_PAGE: { meaning: 'Page the message opens; `{orderNo}` is replaced with the order number; unset: the order page (`pages/order/index?orderNo=…`)' },
  PAID_MESSAGE_FIELDS: { meaning: 'Template keywords and what each carries: `keyword=fact,…` (facts: orderNo, amount, items, paidAt, shopName, result)' },
  PAID_MESSAGE_MINIPROGRAM_STATE: { meaning: 'Which version the message opens: `developer`, `trial` or `formal`' },
  ENV_ID: { meaning: 'The CloudBase environment to deploy to (DevTools → Cloud development → Settings)' },
  MINIPROGRAM_PRIVATE_KEY_PATH: {
    meaning: 'Path to the code-upload key (mp.weixin.qq.com → Development → Development settings → Mini program code upload); needed by `npm run upload` only',
  },
  MINIPROGRAM_ROBOT: { meaning: 'Which CI robot (1–30) the upload is recorded as' },
};
