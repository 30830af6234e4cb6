/**
 * Starts the sandboxes from code (the local cloud, the end-to-end tests): the shared WeChat
 * cashier and every provider sandbox, each on its own loopback port, sharing one clock.
 *
 *   const sandboxes = await startSandboxes({ ports: 'ephemeral', clockSpeed: 1000 });
 *   sandboxes.urls.quickpay; sandboxes.providers.quickpay.faults.set(...);
 *   const env = sandboxes.adapterEnv({ quickpay: 'http://127.0.0.1:9000/payNotify' });
 *   await sandboxes.close();
 *
 * Adding a provider sandbox = its folder plus one line in PROVIDER_SANDBOXES (registry.ts).
 */
import { Cashier, createCashierApp, createClock, listen, type Listening, type SandboxClock } from './common';
import { SANDBOX_NAMES, sandboxEntryOf, type ProviderSandbox, type SandboxName, type SandboxOf } from './registry';

export { PROVIDER_SANDBOXES, SANDBOX_NAMES, sandboxEntryOf, type ProviderSandbox, type SandboxEntry, type SandboxName } from './registry';

export const CASHIER_DEFAULT_PORT = 8701;

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
  providers: { [K in SandboxName]?: SandboxOf<K> };
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
    const names = SANDBOX_NAMES.filter((n) => !options.only || options.only.includes(n));
    for (const name of names) {
      const spec = sandboxEntryOf(name);
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
