/**
 * What each of the product's own settings means, for people. Names, whether a setting is required
 * and its default come from the schemas (settings.ts); a test fails when a variable lacks a line
 * here or a line here names no variable. `secret: true` must match what the code registers as a
 * secret (tested). A provider's settings are described in its own module, not here.
 */
export const MEANINGS: Readonly<Record<string, { meaning: string; secret?: boolean }>> = {
  PAY_PROVIDER: { meaning: 'The payment provider' },
  SHOP_NAME: { meaning: 'The shop’s name shoppers see on the payment sheet: it begins the order description sent to the provider' },
  ORDER_EXPIRY_MINUTES: { meaning: 'An unpaid order is closed after this long' },
  RECONCILE_AFTER_MINUTES: { meaning: 'A pending order untouched this long is queried by `reconcile`' },
  PAY_CREATE_WAIT_MS: { meaning: "How long a double tap waits for the first tap's provider call" },
  STATUS_QUERY_INTERVAL_MS: {
    meaning: "A shopper's status checks ask the provider at most once per this interval per order (the rest answer from the database)",
  },
  CATALOG_CACHE_SECONDS: {
    meaning:
      '`pay` prices from the products it read up to this long ago (0 = reads the catalog on every checkout, at most 300): a price or availability change reaches a running instance up to this late',
  },
  REFUND_ADMIN_TOKEN: {
    meaning: '≥ 24 characters: `Authorization: Bearer <token>` over HTTP, or `adminToken` from trusted code calling `refund`',
    secret: true,
  },
  ADMIN_OPENIDS: { meaning: 'Openids (comma-separated) allowed into the merchant console; everyone else gets PERMISSION_DENIED' },
  PAID_MESSAGE_TEMPLATE_ID: {
    meaning:
      'Template id of the "payment succeeded" subscribe message (console → subscribe messages); unset = no message. The mini program asks shoppers for the same id: build it with this variable set (`PAID_MESSAGE_TEMPLATE_ID=<id> npm run build:weapp`; the build does not read `.env`)',
  },
  PAID_MESSAGE_PAGE: { meaning: 'Page the message opens; `{orderNo}` is replaced with the order number; unset: the order page (`pages/order/index?orderNo=…`)' },
  PAID_MESSAGE_FIELDS: { meaning: 'Template keywords and what each carries: `keyword=fact,…` (facts: orderNo, amount, items, paidAt, shopName, result)' },
  PAID_MESSAGE_MINIPROGRAM_STATE: { meaning: 'Which version the message opens: `developer`, `trial` or `formal`' },
  ENV_ID: { meaning: 'The CloudBase environment to deploy to (DevTools → Cloud development → Settings)' },
  MINIPROGRAM_PRIVATE_KEY_PATH: {
    meaning: 'Path to the code-upload key (mp.weixin.qq.com → Development → Development settings → Mini program code upload); needed by `npm run upload` only',
  },
  MINIPROGRAM_ROBOT: { meaning: 'Which CI robot (1–30) the upload is recorded as' },
};
