/**
 * Starts the sandboxes from code (the local cloud, the end-to-end tests): the shared WeChat
 * cashier and every provider sandbox, each on its own loopback port, sharing one clock.
 *
 *   const sandboxes = await startSandboxes({ ports: 'ephemeral', clockSpeed: 1000 });
 *   sandboxes.urls.quickpay; sandboxes.providers.quickpay.faults.set(...);
 *   const env = sandboxes.adapterEnv({ quickpay: 'http://127.0.0.1:9000/payNotify' });
 *   await sandboxes.close();
 *
 * Adding a provider sandbox = one line in PROVIDER_SANDBOXES.
 */
import type { FastifyInstance } from 'fastify';
import { Cashier, createCashierApp, createClock, listen, type FaultSwitchboard, type Listening, type Notifier, type SandboxClock } from './common';
import { createCaibaoSandbox } from './caibao';
import { createQuickpaySandbox } from './quickpay';
import { createTencentSandbox } from './tencent';

/** What every provider sandbox offers (each adds its own extras). */
export interface ProviderSandbox {
  app: FastifyInstance;
  faults: FaultSwitchboard;
  notifier: Notifier;
  /** The adapter's environment for this sandbox listening at `baseUrl`. */
  adapterEnv?(baseUrl: string, notifyUrl: string): Record<string, string>;
}

interface ProviderEntry<S extends ProviderSandbox> {
  defaultPort: number;
  create(deps: { cashier: Cashier; clock: SandboxClock }): S;
}

const entry = <S extends ProviderSandbox>(defaultPort: number, create: ProviderEntry<S>['create']): ProviderEntry<S> => ({ defaultPort, create });

export const CASHIER_DEFAULT_PORT = 8701;

/** One line per provider sandbox: name → default port and factory. */
export const PROVIDER_SANDBOXES = {
  quickpay: entry(8702, createQuickpaySandbox),
  caibao: entry(8703, createCaibaoSandbox),
  tencent: entry(8704, createTencentSandbox),
};

type Providers = typeof PROVIDER_SANDBOXES;
export type SandboxName = keyof Providers;
type ProviderOf<K extends SandboxName> = ReturnType<Providers[K]['create']>;

export interface StartSandboxesOptions {
  /** Port per server, `'ephemeral'` for port 0 everywhere (tests), default: the fixed ports. */
  ports?: 'ephemeral' | Partial<Record<SandboxName | 'cashier', number>>;
  /** Sandbox ms per real ms (default 1: real time). */
  clockSpeed?: number;
  /** The cashier's paySign key (random by default). */
  cashierKey?: string;
  /** Start only these providers (default: all). */
  only?: readonly SandboxName[];
}

export interface RunningSandboxes {
  clock: SandboxClock;
  cashier: Cashier;
  urls: { cashier: string } & Partial<Record<SandboxName, string>>;
  providers: { [K in SandboxName]?: ProviderOf<K> };
  /** Every started provider's adapter settings for this run; `notifyUrls` per provider. */
  adapterEnv(notifyUrls: Partial<Record<SandboxName, string>>): Record<string, string>;
  close(): Promise<void>;
}

function portFor(options: StartSandboxesOptions, name: SandboxName | 'cashier', fallback: number): number {
  if (options.ports === 'ephemeral') return 0;
  return options.ports?.[name] ?? fallback;
}

export async function startSandboxes(options: StartSandboxesOptions = {}): Promise<RunningSandboxes> {
  const clock = createClock({ speed: options.clockSpeed ?? 1 });
  const cashier = new Cashier({ clock, key: options.cashierKey });
  const servers: Listening[] = [];
  const closeAll = async () => {
    clock.cancelAll();
    await Promise.all(servers.map((s) => s.close()));
  };
  try {
    const cashierServer = await listen(createCashierApp(cashier), portFor(options, 'cashier', CASHIER_DEFAULT_PORT));
    servers.push(cashierServer);
    const urls: RunningSandboxes['urls'] = { cashier: cashierServer.url };
    const providers: Record<string, ProviderSandbox> = {};
    const names = (Object.keys(PROVIDER_SANDBOXES) as SandboxName[]).filter((n) => !options.only || options.only.includes(n));
    for (const name of names) {
      const spec: ProviderEntry<ProviderSandbox> = PROVIDER_SANDBOXES[name];
      const sandbox = spec.create({ cashier, clock });
      const server = await listen(sandbox.app, portFor(options, name, spec.defaultPort));
      servers.push(server);
      providers[name] = sandbox;
      urls[name] = server.url;
    }
    return {
      clock,
      cashier,
      urls,
      providers,
      adapterEnv(notifyUrls) {
        const env: Record<string, string> = {};
        for (const name of names) {
          const url = urls[name];
          const notifyUrl = notifyUrls[name];
          if (url && notifyUrl !== undefined) Object.assign(env, providers[name]?.adapterEnv?.(url, notifyUrl));
        }
        return env;
      },
      close: closeAll,
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}
