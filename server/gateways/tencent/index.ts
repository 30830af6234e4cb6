/**
 * Tencent Cloud Pay (腾讯云支付), official_account_pay (JSAPI) for the mini program.
 * Registered in server/gateways/registry.ts.
 */
import type { GatewayModule } from '../registry';
import { settingsFromEnv } from './config';
import { TencentGateway } from './gateway';

export const tencentModule: GatewayModule = {
  name: 'tencent',
  fromEnv: (env) => new TencentGateway(settingsFromEnv(env)),
};

export { TencentGateway } from './gateway';
export type { TencentSettings } from './config';
export { ENV_VARIABLES as TENCENT_ENV_VARIABLES } from './config';
