/**
 * The providers the product knows. Adding one = one folder under server/gateways/ exporting a
 * `ProviderModule` (module.ts), and one line in `MODULES`. Everything else (payNotify, the
 * functions' settings, the local shop, the tests, the config docs) iterates this registry.
 */
import { z } from 'zod';
import type { PaymentGateway } from './contract';
import { readEnvGroup, type Env } from '../platform/config';
import type { ProviderModule } from './module';
import { quickpayModule } from './quickpay';
import { caibaoDeclared, tencentDeclared } from './declared-here-until-moved';

export type { GatewayModule, ProviderModule, SettingDoc, SettingRole, Capabilities, OrderNoRule } from './module';
export { settingFor } from './module';

/** One line per provider. */
const MODULES = {
  quickpay: quickpayModule,
  caibao: caibaoDeclared,
  tencent: tencentDeclared,
} as const satisfies Record<string, ProviderModule>;

export type RegisteredProvider = keyof typeof MODULES;

export function registeredProviders(): RegisteredProvider[] {
  return Object.keys(MODULES) as RegisteredProvider[];
}

export function isRegisteredProvider(name: string): name is RegisteredProvider {
  return Object.prototype.hasOwnProperty.call(MODULES, name);
}

export function providerModule(name: RegisteredProvider): ProviderModule {
  return MODULES[name];
}

export function providerModules(): ProviderModule[] {
  return Object.values(MODULES);
}

/** The provider the merchant chose with PAY_PROVIDER. */
export function chosenProvider(env: Env): ProviderModule {
  const names = registeredProviders();
  const { provider } = readEnvGroup(env, { provider: 'PAY_PROVIDER' }, z.object({ provider: z.enum(names as [RegisteredProvider, ...RegisteredProvider[]]) }));
  return MODULES[provider];
}

/** The provider the merchant chose with PAY_PROVIDER, configured from the same environment. */
export function gatewayFromEnv(env: Env): PaymentGateway {
  return chosenProvider(env).fromEnv(env);
}
