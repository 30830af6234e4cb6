/**
 * QuickPay (联科快付) JSAPIPay, read top to bottom like its docs:
 * assumptions.ts (everything undocumented, in one place) → types.ts (wire types and limits) →
 * config.ts (settings) → endpoints.ts (routes) → build.ts (requests, validated) → protocol.ts
 * (the pipeline's sign/read/verify stages: credential header, `{code,msg,data}` envelope) →
 * map.ts (status, cloudpay_param, state) → operations.ts (each call as a pipeline operation) →
 * notification.ts (unsigned: a hint to query) → gateway.ts.
 */
import type { ProviderModule } from '../module';
import { QUICKPAY_SETTINGS, readQuickpayConfig } from './config';
import { QuickpayGateway } from './gateway';
import { LIMITS } from './types';

export const quickpayModule: ProviderModule = {
  name: 'quickpay',
  fromEnv: (env) => new QuickpayGateway(readQuickpayConfig(env)),
  settings: QUICKPAY_SETTINGS,
  // order_no: 1–32 characters, "unique in the merchant's system" (JSAPIPayInfo); no character set documented.
  orderNo: { maxLength: LIMITS.orderNo.max, pattern: /^[\x21-\x7e]+$/ },
  capabilities: { qr: false, refundNumbers: false, refundsPerOrder: 'many', signedNotifications: false },
};

export { QuickpayGateway } from './gateway';
export { QUICKPAY_ENV, QUICKPAY_SETTINGS, readQuickpayConfig, type QuickpayConfig } from './config';
export { ENDPOINTS as QUICKPAY_ENDPOINTS } from './endpoints';
export { mapTransactionStatus } from './map';
