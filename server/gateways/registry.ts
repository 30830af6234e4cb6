/**
 * The providers the product knows. Adding one = one folder under server/gateways/ exporting a
 * `ProviderModule` (module.ts), and one line in `LOADERS`. Everything else (payNotify, the
 * functions' settings, the local shop, the tests, the config docs) iterates this registry.
 */
import * as v from 'valibot';
import type { PaymentGateway } from './contract';
import { readEnvGroup, type Env } from '../platform/config';
import type { ProviderModule } from './module';

export type { GatewayModule, ProviderModule, SettingDoc, SettingRole, Capabilities, OrderNoRule } from './module';
export { settingFor } from './module';

/* eslint-disable @typescript-eslint/no-require-imports -- on purpose, see LOADERS */
/**
 * One line per provider. A module is `require`d on first use rather than imported, so a cold start
 * evaluates the configured provider's code alone (its schemas, settings docs, tables). In a
 * function's upload each of these `require`s is a file of its own beside index.js
 * (`provider-<name>.js`, scripts/bundle/provider-files.ts), so the others are not even parsed
 * (`npm run bench`, bundles).
 */
const LOADERS = {
  quickpay: () => (require('./quickpay') as typeof import('./quickpay')).quickpayModule,
  caibao: () => (require('./caibao') as typeof import('./caibao')).caibaoModule,
  tencent: () => (require('./tencent') as typeof import('./tencent')).tencentModule,
} as const satisfies Record<string, () => ProviderModule>;
/* eslint-enable @typescript-eslint/no-require-imports */

export type RegisteredProvider = keyof typeof LOADERS;

const loaded = new Map<RegisteredProvider, ProviderModule>();

export function registeredProviders(): RegisteredProvider[] {
  return Object.keys(LOADERS) as RegisteredProvider[];
}

export function isRegisteredProvider(name: string): name is RegisteredProvider {
  return Object.prototype.hasOwnProperty.call(LOADERS, name);
}

export function providerModule(name: RegisteredProvider): ProviderModule {
  let module = loaded.get(name);
  if (!module) {
    module = LOADERS[name]();
    loaded.set(name, module);
  }
  return module;
}

export function providerModules(): ProviderModule[] {
  return registeredProviders().map(providerModule);
}

/** The provider the merchant chose with PAY_PROVIDER. */
export function chosenProvider(env: Env): ProviderModule {
  const names = registeredProviders();
  const { provider } = readEnvGroup(env, { provider: 'PAY_PROVIDER' }, v.object({ provider: v.picklist(names) }));
  return providerModule(provider);
}

/** The provider the merchant chose with PAY_PROVIDER, configured from the same environment. */
export function gatewayFromEnv(env: Env): PaymentGateway {
  return chosenProvider(env).fromEnv(env);
}
