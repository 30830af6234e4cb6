/**
 * The provider sandboxes, keyed by the same names as the adapters' registry
 * (server/gateways/registry.ts) but written without it: a sandbox never imports its adapter.
 * Adding a provider sandbox = its folder exporting a `SandboxEntry`, and one line in
 * `PROVIDER_SANDBOXES`. The launcher, the CLI, the local shop and the tests iterate this.
 */
import type { FastifyInstance } from 'fastify';
import type { Cashier, FaultSwitchboard, Notifier, SandboxClock } from './common';
import { caibaoSandboxEntry } from './caibao';
import { quickpaySandboxEntry } from './quickpay';
import { tencentSandboxEntry } from './tencent';

/** What every provider sandbox offers (each adds its own extras). */
export interface ProviderSandbox {
  app: FastifyInstance;
  faults: FaultSwitchboard;
  notifier: Notifier;
  /** The adapter's environment for this sandbox listening at `baseUrl`. */
  adapterEnv?(baseUrl: string, notifyUrl: string): Record<string, string>;
}

/** The four calls every provider has, by the name the sandbox's fault switchboard knows them. */
export interface FaultEndpoints {
  create: string;
  query: string;
  close: string;
  refund: string;
}

export interface SandboxEntry<S extends ProviderSandbox = ProviderSandbox> {
  defaultPort: number;
  create(deps: { cashier: Cashier; clock: SandboxClock }): S;
  faultEndpoints: FaultEndpoints;
  /** The payload of a `status` fault that makes the sandbox refuse a call its provider's way. */
  refusal: unknown;
  /** Orders the sandbox holds. */
  orderCount(sandbox: S): number;
  /** Make the sandbox's order carry another amount (a provider that disagrees with us). */
  tamperAmount(sandbox: S, orderNo: string, amount: number): void;
  /**
   * Sign the next answer of `endpoint` wrongly (for providers that sign answers); returns the undo.
   * Absent: the provider signs nothing (QuickPay).
   */
  forgeAnswer?(sandbox: S, endpoint: string): () => void;
  /**
   * Make refunds end failed, as the provider's pages document a failed refund; returns the undo.
   * Absent: the sandbox has no documented failed-refund answer yet (QuickPay).
   */
  failRefunds?(sandbox: S): () => void;
  /** From now on, answer about order `asked` with order `other`'s record (an answer about another order). */
  misdirect(sandbox: S, asked: string, other: string): void;
}

/** One line per provider sandbox. */
export const PROVIDER_SANDBOXES = {
  quickpay: quickpaySandboxEntry,
  caibao: caibaoSandboxEntry,
  tencent: tencentSandboxEntry,
};

export type SandboxName = keyof typeof PROVIDER_SANDBOXES;
export const SANDBOX_NAMES = Object.keys(PROVIDER_SANDBOXES) as SandboxName[];
export type SandboxOf<K extends SandboxName> = ReturnType<(typeof PROVIDER_SANDBOXES)[K]['create']>;

/** The entry of `name`, typed for code that handles every provider alike. */
export function sandboxEntryOf(name: SandboxName): SandboxEntry {
  return PROVIDER_SANDBOXES[name];
}
