/**
 * QuickPay (联科快付) JSAPIPay, read top to bottom like its docs:
 * types.ts (wire types and limits) → config.ts (settings) → build.ts (requests, validated) →
 * auth.ts (the assumed credential header) → endpoints.ts (routes) → assumed-cancel.ts (the
 * assumed cancel call) → send.ts (transport + `{code,msg,data}` envelope) → map.ts (status,
 * cloudpay_param, state) → notification.ts (unsigned: a hint to query) → gateway.ts.
 */
import type { GatewayModule } from '../registry';
import { readQuickpayConfig } from './config';
import { QuickpayGateway } from './gateway';

export const quickpayModule: GatewayModule = {
  name: 'quickpay',
  fromEnv: (env) => new QuickpayGateway(readQuickpayConfig(env)),
};

export { QuickpayGateway } from './gateway';
export { QUICKPAY_ENV, readQuickpayConfig, type QuickpayConfig } from './config';
export { ENDPOINTS as QUICKPAY_ENDPOINTS } from './endpoints';
export { mapTransactionStatus } from './map';
