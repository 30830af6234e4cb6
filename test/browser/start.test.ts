import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// `npm start` as a new user runs it (`tsx scripts/start.ts`): one URL printed, the shop served there,
// Ctrl-C stops everything.
const REPO = path.resolve(__dirname, '../..');
jest.setTimeout(240_000);

interface Started {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  exited: Promise<number | null>;
}

function start(env: Record<string, string>): Started {
  const child = spawn(path.join(REPO, 'node_modules/.bin/tsx'), ['scripts/start.ts'], { cwd: REPO, env: { ...process.env, ...env } });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function urlOf(started: Started): Promise<string> {
  const deadline = Date.now() + 200_000;
  for (;;) {
    const match = /Open:\s+(http:\/\/127\.0\.0\.1:\d+)\//.exec(started.output());
    if (match?.[1]) return match[1];
    if (started.child.exitCode !== null) throw new Error(`npm start exited early:\n${started.output()}`);
    if (Date.now() > deadline) throw new Error(`npm start printed no URL:\n${started.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('npm start', () => {
  let dataDir: string;
  let running: Started | undefined;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'npm-start-'));
  });
  afterEach(async () => {
    if (running && running.child.exitCode === null) {
      running.child.kill('SIGKILL');
      await running.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints one URL that serves the shop, its functions and the cashier; Ctrl-C stops it cleanly', async () => {
    running = start({ SHOP_PORT: '0', SHOP_DATA_DIR: dataDir, PAY_PROVIDER: 'tencent' });
    const url = await urlOf(running);
    expect(running.output().match(/http:\/\//g)).toHaveLength(1);
    expect(running.output()).toContain('Local sandbox shop (tencent) is running.');

    const home = await fetch(`${url}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('<div id="app">');
    const catalog = (await (await fetch(`${url}/functions/catalog`, { method: 'POST', body: '{}' })).json()) as { result: { ok: boolean; data: { products: unknown[] } } };
    expect(catalog.result.ok).toBe(true);
    expect(catalog.result.data.products.length).toBeGreaterThan(0);
    expect((await fetch(`${url}/cashier/prepay/unknown/status`)).status).toBe(404);

    running.child.kill('SIGINT');
    await expect(running.exited).resolves.toBe(0);
    expect(running.output()).toContain('SIGINT: stopping the shop…');
    await expect(fetch(`${url}/`)).rejects.toThrow();
  });

  it('refuses an unknown provider with a message that names PAY_PROVIDER', async () => {
    running = start({ SHOP_PORT: '0', SHOP_DATA_DIR: dataDir, PAY_PROVIDER: 'paypal' });
    await expect(running.exited).resolves.toBe(1);
    expect(running.output()).toContain('npm start: PAY_PROVIDER must be one of quickpay, caibao, tencent; got "paypal"');
  });
});
