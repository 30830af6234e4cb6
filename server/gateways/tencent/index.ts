/**
 * Tencent Cloud Pay (腾讯云支付), official_account_pay (JSAPI) for the mini program.
 * Registered in server/gateways/registry.ts.
 */
import type { ProviderModule } from '../module';
import { settingsFromEnv, TENCENT_SETTINGS } from './config';
import { TencentGateway } from './gateway';

export const tencentModule: ProviderModule = {
  name: 'tencent',
  title: 'Tencent Cloud Pay',
  fromEnv: (env) => new TencentGateway(settingsFromEnv(env)),
  settings: TENCENT_SETTINGS,
  orderNo: { maxLength: 32, pattern: /^[\x21-\x7e]+$/ },
  capabilities: { qr: false, refundNumbers: true, refundsPerOrder: 'many', signedNotifications: true },
};

export { TencentGateway } from './gateway';
export type { TencentSettings } from './config';
export { ENV_VARIABLES as TENCENT_ENV_VARIABLES, TENCENT_SETTINGS } from './config';
