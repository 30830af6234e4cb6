/**
 * `npx tsx sandbox/cloud/cli.ts [--port 8700] [--provider quickpay|caibao|tencent] [--data-dir D]`:
 * the local cloud with every function, the sandboxes and the demo catalog, until interrupted.
 */
import type { ProviderName } from '../../server/gateways/contract';
import { LOCAL_CLOUD_DEFAULT_PORT, startLocalCloud } from './start';

function flag(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  if (i >= 0) return argv[i + 1];
  return argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

async function main(argv: readonly string[]): Promise<void> {
  const port = Number(flag(argv, 'port') ?? process.env.LOCAL_CLOUD_PORT ?? LOCAL_CLOUD_DEFAULT_PORT);
  const provider = flag(argv, 'provider') as ProviderName | undefined;
  const dataDir = flag(argv, 'data-dir');
  const running = await startLocalCloud({ port, ...(provider ? { provider } : {}), ...(dataDir ? { dataDir } : {}) });
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`local cloud      ${running.url}  (provider: ${running.provider})`);
  out(`  functions      POST ${running.url}/functions/<name>   (identity: cookie local_identity, issued on first call)`);
  out(`  notifications  ${running.url}/http/payNotify/<provider>`);
  out(`  refunds        POST ${running.url}/http/refund  Authorization: Bearer <REFUND_ADMIN_TOKEN>`);
  out(`sandbox cashier  ${running.sandboxes.urls.cashier}`);
  const stop = () => void running.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`local cloud: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
