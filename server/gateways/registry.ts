/**
 * The providers the product knows. Adding one = one folder under server/gateways/ exporting a
 * `GatewayModule`, and one line in `MODULES`.
 */
import { z } from 'zod';
import type { PaymentGateway, ProviderName } from './contract';
import { readEnvGroup, type Env } from '../platform/config';
import { quickpayModule } from './quickpay';
import { caibaoModule } from './caibao';
import { tencentModule } from './tencent';

export interface GatewayModule {
  readonly name: ProviderName;
  /** Reads and validates this provider's settings from the environment; CONFIG_INVALID names the variable. */
  fromEnv(env: Env): PaymentGateway;
}

const MODULES: Partial<Record<ProviderName, GatewayModule>> = {
  // one line per provider, e.g.  quickpay: quickpayModule,
  tencent: tencentModule,
  caibao: caibaoModule,
  quickpay: quickpayModule,
};

export function registeredProviders(): ProviderName[] {
  return Object.keys(MODULES) as ProviderName[];
}

/** The provider the merchant chose with PAY_PROVIDER, configured from the same environment. */
export function gatewayFromEnv(env: Env): PaymentGateway {
  const { provider } = readEnvGroup(
    env,
    { provider: 'PAY_PROVIDER' },
    z.object({ provider: z.enum(registeredProviders() as [ProviderName, ...ProviderName[]]) }),
  );
  const module = MODULES[provider];
  if (!module) throw new Error(`provider ${provider} is not registered`);
  return module.fromEnv(env);
}
