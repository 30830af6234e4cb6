/**
 * The upload bundles: per function an index.js, and beside it one provider-<name>.js per payment
 * provider, that need nothing but Node and wx-server-sdk and run on the REAL wx-server-sdk (loaded
 * in a child process: no mapping).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { builtinModules } from 'node:module';
import { buildFunction, bundleContents, functionNames, providerFiles } from '../../scripts/build-functions';
import type { ProviderFile } from '../../scripts/bundle/provider-files';
import { registeredProviders } from '../../server/gateways/registry';
import { Cashier, createClock } from '../../sandbox/common';
import { sandboxEntryOf } from '../../sandbox';

describe('function bundles', () => {
  let bundles: Record<string, string>;
  let providers: Map<string, ProviderFile>;
  // Built elsewhere: an index.js left beside an entry would be loaded instead of the TypeScript by other tests.
  const outDir = mkdtempSync(join(tmpdir(), 'bundles-'));
  beforeAll(async () => {
    bundles = {};
    providers = await providerFiles();
    for (const name of functionNames()) bundles[name] = await buildFunction(name, join(outDir, name), providers);
  }, 60_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('builds every function folder', () => {
    expect(Object.keys(bundles)).toEqual(['catalog', 'merchant', 'orders', 'pay', 'payNotify', 'reconcile', 'refund']);
  });

  it('carry only what their function uses: no answer schemas, the shopper requests only in pay and orders, no other function', async () => {
    for (const name of functionNames()) {
      const { files } = await bundleContents(name, providers);
      // api/views.ts: the client's reading of the answers (the server only needs its types).
      expect(files).not.toContain('api/views.ts');
      if (name !== 'pay' && name !== 'orders') expect(files).not.toContain('api/actions.ts');
      const entries = files.filter((file) => /^server\/functions\/(?!config|runtime|services|http-event)[\w-]+\.ts$/.test(file));
      expect(entries.length).toBe(1);
    }
  });

  const requiresOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1] ?? '');
  const builtin = (name: string) => builtinModules.includes(name.replace(/^node:/, ''));

  it('require only Node built-ins, wx-server-sdk and the provider files beside them; those only built-ins and index.js', () => {
    for (const file of Object.values(bundles)) {
      const required = requiresOf(file);
      const siblings = required.filter((name) => /^\.\/provider-[\w-]+\.js$/.test(name));
      for (const sibling of siblings) expect(existsSync(join(dirname(file), sibling))).toBe(true);
      const foreign = required.filter((name) => name !== 'wx-server-sdk' && !builtin(name) && !siblings.includes(name));
      expect(foreign).toEqual([]);
      expect(required).toContain('wx-server-sdk');
      for (const sibling of siblings) {
        const fromProvider = requiresOf(join(dirname(file), sibling));
        expect(fromProvider.filter((name) => !builtin(name) && !name.startsWith('shared:'))).toEqual([]);
      }
    }
  });

  it("carry every provider as a file of its own, none in index.js: a cold start parses the configured one alone", async () => {
    expect([...providers.keys()].sort()).toEqual([...registeredProviders()].sort());
    for (const name of functionNames()) {
      const { files, required } = await bundleContents(name, providers);
      expect(files.filter((file) => /^server\/gateways\/(?!pipeline\/)[\w-]+\//.test(file))).toEqual([]);
      // The registry's provider loaders call the provider files, not modules of index.js: nothing in it is initialised on demand.
      expect(required).toEqual([]);
      const beside = [...providers.values()].map((provider) => provider.fileName).filter((fileName) => existsSync(join(outDir, name, fileName)));
      // catalog takes no payment: no provider, no files.
      expect(beside).toEqual(name === 'catalog' ? [] : [...providers.values()].map((provider) => provider.fileName));
      for (const fileName of beside) expect(requiresOf(bundles[name] ?? '')).toContain(`./${fileName}`);
    }
  });

  it("build no schema they never use: another function's requests, the refund token's check, valibot's emoji pattern", () => {
    const text = (name: string) => readFileSync(bundles[name] ?? '', 'utf8');
    for (const name of functionNames()) expect(text(name)).not.toContain('Emoji_Presentation');
    // The refund token's schema (server/functions/config.ts, imported by every payment function) is refund's alone.
    for (const name of functionNames()) expect(text(name).includes('must be at least 24 characters')).toBe(name === 'refund');
    // api/actions.ts holds both shopper functions' requests; each bundle builds its own.
    expect(text('pay')).not.toContain('"pending"');
    expect(text('orders')).not.toContain('"capabilities"');
  });

  /** Each provider's settings as its sandbox gives them (no sandbox started). */
  function configuredFor(provider: string): Record<string, string> {
    const clock = createClock({ speed: 1 });
    const sandbox = sandboxEntryOf(provider as never).create({ cashier: new Cashier({ clock }), clock });
    const adapter = sandbox.adapterEnv?.('http://127.0.0.1:9', 'http://127.0.0.1:9/payNotify') ?? {};
    void sandbox.app.close();
    sandbox.notifier.close();
    return { PAY_PROVIDER: provider, ...adapter };
  }

  it.each(registeredProviders())(
    'configured for %s, load that provider file alone, which runs on index.js\'s modules (its refusal of a forged notification is a GatewayError there)',
    (provider) => {
      const script = `
        (async () => {
          const fn = require(${JSON.stringify(bundles.payNotify)});
          const reply = await fn.main({ httpMethod: 'POST', path: '/payNotify', headers: { 'content-type': 'application/json' }, body: '{"forged":true}' });
          const loaded = Object.keys(require.cache).filter((f) => f.startsWith(${JSON.stringify(dirname(bundles.payNotify ?? ''))})).map((f) => f.split('/').pop());
          process.stdout.write('\\nRESULT ' + JSON.stringify({ loaded, statusCode: reply.statusCode }) + '\\n');
        })().catch((e) => { process.stderr.write(String(e && e.stack)); process.exit(1); });`;
      const env = { PATH: process.env.PATH ?? '', NODE_PATH: `${process.cwd()}/node_modules`, TENCENTCLOUD_RUNENV: 'SCF', TENCENTCLOUD_REGION: 'ap-guangzhou', SCF_NAMESPACE: 'test', ...configuredFor(provider) };
      const output = execFileSync(process.execPath, ['-e', script], { env, cwd: process.cwd(), encoding: 'utf8', timeout: 30_000 });
      const lines = output.split('\n');
      const result = JSON.parse((lines.find((l) => l.startsWith('RESULT ')) ?? '').slice('RESULT '.length)) as { loaded: string[]; statusCode: number };
      expect(result.loaded.sort()).toEqual(['index.js', `provider-${provider}.js`]);
      // notifications.ts logs the code of a GatewayError, and INTERNAL for anything else (another copy of the class).
      const rejected = lines.filter((l) => l.includes('notification rejected')).map((l) => (JSON.parse(l) as { code: string }).code);
      expect(rejected).toHaveLength(1);
      expect(rejected[0]).not.toBe('INTERNAL');
    },
  );

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
