/**
 * The upload bundles: one self-contained index.js per function that needs nothing but Node and
 * wx-server-sdk, and that runs on the REAL wx-server-sdk (loaded in a child process: no mapping).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinModules } from 'node:module';
import { buildFunction, bundleContents, functionNames } from '../../scripts/build-functions';

describe('function bundles', () => {
  let bundles: Record<string, string>;
  // Built elsewhere: an index.js left beside an entry would be loaded instead of the TypeScript by other tests.
  const outDir = mkdtempSync(join(tmpdir(), 'bundles-'));
  beforeAll(async () => {
    bundles = {};
    for (const name of functionNames()) bundles[name] = await buildFunction(name, join(outDir, name));
  }, 60_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('builds every function folder', () => {
    expect(Object.keys(bundles)).toEqual(['catalog', 'merchant', 'orders', 'pay', 'payNotify', 'reconcile', 'refund']);
  });

  it('carry only what their function uses: no answer schemas, the shopper requests only in pay and orders, no other function', async () => {
    for (const name of functionNames()) {
      const { files } = await bundleContents(name);
      // api/views.ts: the client's reading of the answers (the server only needs its types).
      expect(files).not.toContain('api/views.ts');
      if (name !== 'pay' && name !== 'orders') expect(files).not.toContain('api/actions.ts');
      const entries = files.filter((file) => /^server\/functions\/(?!config|runtime|services|http-event)[\w-]+\.ts$/.test(file));
      expect(entries.length).toBe(1);
    }
  });

  it('require only Node built-ins and wx-server-sdk', () => {
    for (const file of Object.values(bundles)) {
      const required = [...readFileSync(file, 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1] ?? '');
      const foreign = required.filter((name) => name !== 'wx-server-sdk' && !builtinModules.includes(name.replace(/^node:/, '')));
      expect(foreign).toEqual([]);
      expect(required).toContain('wx-server-sdk');
    }
  });

  it('load on the real wx-server-sdk and answer CONFIG_INVALID, naming the setting, when nothing is configured', () => {
    const script = `
      const out = {};
      (async () => {
        for (const [name, file] of Object.entries(${JSON.stringify(bundles)})) {
          const fn = require(file);
          out[name] = typeof fn.main;
        }
        out.pay = await require(${JSON.stringify(bundles.pay)}).main({ action: 'status', orderNo: 'N1' }, {});
        process.stdout.write('\\nRESULT ' + JSON.stringify(out) + '\\n');
      })().catch((e) => { process.stderr.write(String(e)); process.exit(1); });`;
    const env = { PATH: process.env.PATH ?? '', NODE_PATH: `${process.cwd()}/node_modules` };
    const output = execFileSync(process.execPath, ['-e', script], { env, cwd: process.cwd(), encoding: 'utf8', timeout: 30_000 });
    // The functions' own log lines share stdout: the answer is the line marked RESULT.
    const line = output.split('\n').find((l) => l.startsWith('RESULT ')) ?? '';
    const result = JSON.parse(line.slice('RESULT '.length)) as Record<string, unknown>;
    expect(result).toMatchObject({ catalog: 'function', orders: 'function', payNotify: 'function', reconcile: 'function', refund: 'function' });
    expect(result.pay).toEqual({ ok: false, error: { code: 'CONFIG_INVALID', message: expect.stringContaining('PAY_PROVIDER is not set'), retryable: false } });
  });
});
