/**
 * The provider sandboxes, keyed by the same names as the adapters' registry
 * (server/gateways/registry.ts) but written without it: a sandbox never imports its adapter.
 * Adding a provider sandbox = its folder exporting a `SandboxEntry`, and one line in
 * `PROVIDER_SANDBOXES`. The launcher, the CLI, the local shop and the tests iterate this.
 */
import type { FastifyInstance } from 'fastify';
import type { Cashier, FaultSwitchboard, Notifier, SandboxClock } from './common';
import { createCaibaoSandbox, type CaibaoSandbox } from './caibao';
import { quickpaySandboxEntry } from './quickpay';
import { createTencentSandbox, type TencentSandbox } from './tencent';

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
}

export const sandboxEntry = <S extends ProviderSandbox>(entry: SandboxEntry<S>): SandboxEntry<S> => entry;

// INTERIM: Caibao's and Tencent's entries move into sandbox/caibao and sandbox/tencent (exported
// like quickpaySandboxEntry) when their engineers next touch those folders.
const caibaoSandboxEntry = sandboxEntry<CaibaoSandbox>({
  defaultPort: 8703,
  create: createCaibaoSandbox,
  faultEndpoints: { create: 'open.pay.mp', query: 'open.pay.query', close: 'open.pay.reverse', refund: 'open.pay.refund' },
  refusal: { errorCode: '20', errorMsg: 'merchant suspended' },
  orderCount: (s) => s.orders.all().length,
  tamperAmount: (s, orderNo, amount) => {
    const order = s.orders.byLocal(orderNo);
    if (!order) throw new Error(`sandbox has no order ${orderNo}`);
    order.amount = amount;
  },
  forgeAnswer: (s) => {
    s.signatureFaults.answers = 'foreignKey';
    return () => {
      s.signatureFaults.answers = undefined;
    };
  },
});

const tencentSandboxEntry = sandboxEntry<TencentSandbox>({
  defaultPort: 8704,
  create: createTencentSandbox,
  faultEndpoints: { create: 'official_account_pay', query: 'query_order', close: 'close_order', refund: 'refund' },
  refusal: { status: 104, description: 'sub-merchant suspended' },
  orderCount: (s) => s.orders.all().length,
  tamperAmount: (s, orderNo, amount) => {
    const order = s.orders.get(orderNo) as { totalFee: number } | undefined;
    if (!order) throw new Error(`sandbox has no order ${orderNo}`);
    order.totalFee = amount;
  },
  forgeAnswer: (s, endpoint) => {
    s.tamper(endpoint as Parameters<TencentSandbox['tamper']>[0], 'alter', { times: 1 });
    return () => undefined;
  },
});

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
