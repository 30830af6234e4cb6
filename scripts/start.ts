/**
 * `npm start`: the local sandbox shop, nothing to configure. Builds the H5 shop when needed,
 * starts the provider sandbox, the cashier and the local cloud, and prints one URL to open.
 *
 *   PAY_PROVIDER=quickpay|caibao|tencent (default quickpay)   SHOP_PORT (default 8700)
 *   SHOP_DATA_DIR (default .local/shop-<provider>)            provider variables override the sandbox's
 */
import { DEFAULT_SHOP_PORT, PROVIDERS, startLocalShop, type ShopProvider } from '../sandbox/shop';

function providerFrom(env: NodeJS.ProcessEnv): ShopProvider {
  const value = env.PAY_PROVIDER || 'quickpay';
  const provider = PROVIDERS.find((name) => name === value);
  if (!provider) throw new Error(`PAY_PROVIDER must be one of ${PROVIDERS.join(', ')}; got "${value}"`);
  return provider;
}

function portFrom(env: NodeJS.ProcessEnv): number {
  const text = env.SHOP_PORT;
  if (text === undefined || text === '') return DEFAULT_SHOP_PORT;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`SHOP_PORT must be a port number; got "${text}"`);
  return port;
}

async function main(): Promise<void> {
  const provider = providerFrom(process.env);
  const shop = await startLocalShop({
    provider,
    port: portFrom(process.env),
    ...(process.env.SHOP_DATA_DIR ? { dataDir: process.env.SHOP_DATA_DIR } : {}),
    env: process.env,
  });
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping the shop…\n`);
    shop.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`error while stopping: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // Only now: a Ctrl-C right after the URL appears must stop the shop cleanly (and let the build finish storing its cache).
  process.stdout.write(`\nLocal sandbox shop (${provider}) is running. Open:\n\n  ${shop.url}/\n\nPress Ctrl-C to stop.\n`);
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  const hint = /EADDRINUSE/.test(message) ? ' (another program uses the port: set SHOP_PORT, e.g. SHOP_PORT=8800 npm start)' : '';
  process.stderr.write(`npm start: ${message}${hint}\n`);
  process.exit(1);
});
