/**
 * Runs the sandboxes on loopback until interrupted: `npx tsx sandbox/cli.ts [--speed N]
 * [--cashier-port P] [--<provider>-port P]`. Ports also from SANDBOX_CASHIER_PORT,
 * SANDBOX_<PROVIDER>_PORT; speed from SANDBOX_CLOCK_SPEED.
 */
import { CASHIER_DEFAULT_PORT, PROVIDER_SANDBOXES, SANDBOX_NAMES, startSandboxes, type SandboxName } from './index';
import { drive, DRIVE_COMMANDS } from './drive';

function flag(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  if (i >= 0) return argv[i + 1];
  return argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

function number(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got ${JSON.stringify(text)}`);
  return value;
}

async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  // `npm run sandbox -- resend <orderNo>` and friends drive a running local shop's sandbox by hand (drive.ts).
  if ((DRIVE_COMMANDS as readonly string[]).includes(argv[0] ?? '')) return drive(argv, env);
  const names = SANDBOX_NAMES;
  const ports: Partial<Record<SandboxName | 'cashier', number>> = {
    cashier: number('cashier port', flag(argv, 'cashier-port') ?? env.SANDBOX_CASHIER_PORT, CASHIER_DEFAULT_PORT),
  };
  for (const name of names) {
    ports[name] = number(`${name} port`, flag(argv, `${name}-port`) ?? env[`SANDBOX_${name.toUpperCase()}_PORT`], PROVIDER_SANDBOXES[name].defaultPort);
  }
  const clockSpeed = number('speed', flag(argv, 'speed') ?? env.SANDBOX_CLOCK_SPEED, 1) || 1;
  const sandboxes = await startSandboxes({ ports, clockSpeed });
  process.stdout.write(`sandbox cashier  ${sandboxes.urls.cashier}/cashier/prepay/<prepay_id>\n`);
  for (const name of names) process.stdout.write(`sandbox ${name.padEnd(8)} ${sandboxes.urls[name] ?? '(not started)'}\n`);
  if (clockSpeed !== 1) process.stdout.write(`sandbox clock runs ${clockSpeed}x real time\n`);
  const stop = () => {
    void sandboxes.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.argv.slice(2), process.env).catch((err: unknown) => {
  process.stderr.write(`sandbox: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
