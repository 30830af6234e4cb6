/**
 * QuickPay (联科快付) JSAPIPay, read top to bottom like its docs:
 * assumptions.ts (everything undocumented, in one place) → types.ts (wire types and limits) →
 * config.ts (settings) → endpoints.ts (routes) → build.ts (requests, validated) → protocol.ts
 * (the pipeline's sign/read/verify stages: credential header, `{code,msg,data}` envelope) →
 * map.ts (status, cloudpay_param, state) → operations.ts (each call as a pipeline operation) →
 * notification.ts (unsigned: a hint to query) → gateway.ts.
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
