/**
 * What the function tests need to know of each provider, read from the two registries (the
 * adapters' and the sandboxes'): nothing here names a provider.
 */
import type { ProviderName } from '../../../server/gateways/contract';
import { providerModule, registeredProviders, settingFor } from '../../../server/gateways/registry';
import { sandboxEntryOf, type RunningSandboxes } from '../../../sandbox';

export interface ProviderProfile {
  name: ProviderName;
  /** The fault switchboard's name for the create endpoint. */
  createEndpoint: string;
  /** The fault switchboard's name for the refund endpoint. */
  refundEndpoint: string;
  /** The adapter's time-out variable (tests keep it short so a "timeout" fault resolves quickly). */
  timeoutEnv: string;
  /** The variable holding the adapter's base URL (pointed at the proxy). */
  baseUrlEnv: string;
  /** The payload of the sandbox's `status` fault that refuses a create call. */
  createRefusal: unknown;
  /** The provider takes one refund per order (capabilities.refundsPerOrder). */
  oneRefundPerOrder: boolean;
  /** Orders the sandbox holds. */
  providerOrders(sandboxes: RunningSandboxes): number;
  /** Make the sandbox's order carry another amount (a provider that disagrees with us). */
  tamperAmount(sandboxes: RunningSandboxes, orderNo: string, amount: number): void;
  /** The credential values that must never reach a response or a log line. */
  secrets(env: Record<string, string>): string[];
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`registry: ${what}`);
  return value;
}

export function profileOf(name: ProviderName): ProviderProfile {
  const module = providerModule(name);
  const entry = sandboxEntryOf(name);
  const sandbox = (s: RunningSandboxes) => required(s.providers[name], `no ${name} sandbox running`);
  return {
    name,
    createEndpoint: entry.faultEndpoints.create,
    refundEndpoint: entry.faultEndpoints.refund,
    timeoutEnv: required(settingFor(module, 'timeoutMs'), `${name} declares no timeoutMs setting`),
    baseUrlEnv: required(settingFor(module, 'baseUrl'), `${name} declares no baseUrl setting`),
    createRefusal: entry.refusal,
    oneRefundPerOrder: module.capabilities.refundsPerOrder === 'one',
    providerOrders: (s) => entry.orderCount(sandbox(s)),
    tamperAmount: (s, orderNo, amount) => entry.tamperAmount(sandbox(s), orderNo, amount),
    secrets: (env) => module.settings.filter((s) => s.secret).map((s) => env[s.variable] ?? ''),
  };
}

export const PROFILES: Record<ProviderName, ProviderProfile> = Object.fromEntries(registeredProviders().map((name) => [name, profileOf(name)])) as Record<
  ProviderName,
  ProviderProfile
>;
