import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDatabaseSpec } from '../../../database/schema';
import { readCloudbaserc, readEnvFile } from '../../../scripts/deploy/cloudbaserc';
import { buildPlan } from '../../../scripts/deploy/plan';
import { buildUploadPlan, renderUploadPlan } from '../../../scripts/upload';

const ROOT = join(__dirname, '../../..');
const SAMPLE = join(ROOT, 'test/fixtures/deploy/sample.env');
const rc = readCloudbaserc(join(ROOT, 'cloudbaserc.json'));
const functionDirs = readdirSync(join(ROOT, 'cloudfunctions'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(ROOT, 'cloudfunctions', entry.name, 'index.ts')))
  .map((entry) => entry.name)
  .sort();

describe('npm run deploy -- --dry-run', () => {
  // One real run of the script, as a merchant types it: no credentials, no CLI, no network.
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/deploy.ts', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { PATH: '/usr/bin:/bin', HOME: '/nonexistent' },
    });
  const result = run('--dry-run', '--env-file', SAMPLE);
  const sample = readEnvFile(SAMPLE);

  it('prints every function, the timer, the route, every collection with its rules and indexes, and the invoke rules', () => {
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const out = result.stdout;
    expect(out).toMatch(/^Deploy plan for CloudBase environment shop-prod-1a2b3c/);
    for (const name of functionDirs) expect(out).toContain(`$ tcb fn deploy ${name} --force`);
    expect(out).toContain('timer trigger reconcile-every-5-minutes on reconcile: cron "0 */5 * * * * *"');
    expect(out).toContain('$ tcb service create -p /payNotify -f payNotify -e shop-prod-1a2b3c');
    for (const collection of loadDatabaseSpec().collections) {
      expect(out).toContain(`$ tcb permission set collection:${collection.name} --level custom --rule '{"read":false,"write":false}'`);
      for (const index of collection.indexes) expect(out).toContain(`index ${collection.name}.${index.name}:`);
    }
    expect(out).toContain('$ tcb permission set function --level custom');
    expect(out).toMatch(/dry run: nothing was sent\.\n$/);
  });

  it('shows each function the variables it reads, from the env file, and never a secret', () => {
    const out = result.stdout;
    expect(out).toContain('PAY_PROVIDER="quickpay"');
    expect(out).toContain('ADMIN_OPENIDS="oAdmin_0001,oAdmin_0002"');
    expect(out).toMatch(/function catalog: .*0 variables/);
    expect(out).toContain('QUICKPAY_AUTH_VALUE=<secret, 31 characters>');
    for (const secret of [sample.QUICKPAY_AUTH_VALUE, sample.REFUND_ADMIN_TOKEN]) {
      expect(secret).toBeTruthy();
      expect(out).not.toContain(secret);
    }
    // Unset optional settings are left out: the function applies its own default.
    expect(out).not.toContain('ORDER_EXPIRY_MINUTES');
  });

  it('refuses an env file a function would refuse at cold start, naming the variables but not their values', () => {
    const env = { ...sample, QUICKPAY_STORE_NO: '', QUICKPAY_BASE_URL: 'not a url!', ENV_ID: '' };
    let error: unknown;
    try {
      buildPlan(rc, env, loadDatabaseSpec());
    } catch (err) {
      error = err;
    }
    expect(error).toMatchObject({ code: 'CONFIG_INVALID' });
    const message = String((error as Error).message);
    expect(message).toContain('deploy: ENV_ID is not set');
    expect(message).toMatch(/orders, pay, payNotify, reconcile, refund: QUICKPAY_BASE_URL is invalid \(.*\); QUICKPAY_STORE_NO is not set/);
    expect(message).not.toContain('not a url!');
  });

  it('cannot deploy .env.example as it stands (every required variable is empty)', () => {
    expect(() => buildPlan(rc, readEnvFile(join(ROOT, '.env.example')), loadDatabaseSpec())).toThrow(/PAY_PROVIDER is not set/);
  });
});

describe('cloudbaserc.json', () => {
  it('describes exactly the functions under cloudfunctions/', () => {
    expect(rc.functions.map((fn) => fn.name).sort()).toEqual(functionDirs);
  });

  it('keeps the timeout and trigger each function declares for the DevTools upload (config.json)', () => {
    for (const fn of rc.functions) {
      const config = JSON.parse(readFileSync(join(ROOT, 'cloudfunctions', fn.name, 'config.json'), 'utf8')) as { timeout: number; triggers?: unknown[] };
      expect({ name: fn.name, timeout: fn.timeout, triggers: fn.triggers ?? [] }).toEqual({ name: fn.name, timeout: config.timeout, triggers: config.triggers ?? [] });
    }
  });

  it('routes payNotify over HTTP and nothing else', () => {
    expect(rc.httpAccess).toEqual([{ path: '/payNotify', function: 'payNotify' }]);
  });

  it('is what the CloudBase CLI reads: version 2.0 with {{env.X}} variables from the env file', () => {
    expect(rc.envId).toBe('{{env.ENV_ID}}');
    for (const fn of rc.functions) for (const [name, value] of Object.entries(fn.envVariables ?? {})) expect(value).toBe(`{{env.${name}}}`);
  });
});

describe('the dry run needs no network', () => {
  it('does not load the live executor', () => {
    const out = execFileSync(
      process.execPath,
      [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), '-e', "require('./scripts/deploy'); console.log(Object.keys(require.cache).filter((k) => k.includes('deploy/execute')).length)"],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(out.trim()).toBe('0');
  });
});

describe('npm run upload -- --dry-run (miniprogram-ci)', () => {
  const env = { ...readEnvFile(SAMPLE), MINIPROGRAM_PRIVATE_KEY_PATH: 'keys/private.wx0123456789abcdef.key' };

  it('refuses the placeholder AppID and a missing build, and needs the key path', () => {
    expect(() => buildUploadPlan([], env)).toThrow(/appid "touristappid" is not a mini program AppID/);
    expect(() => buildUploadPlan([], { ENV_ID: 'shop-prod-1a2b3c' })).toThrow(/MINIPROGRAM_PRIVATE_KEY_PATH is not set/);
  });

  it('prints the AppID, version, key and robot it would upload with', () => {
    const root = mkdtempSync(join(tmpdir(), 'upload-'));
    writeFileSync(join(root, 'project.config.json'), JSON.stringify({ appid: 'wx0123456789abcdef', miniprogramRoot: 'dist/' }));
    writeFileSync(join(root, 'package.json'), JSON.stringify({ version: '1.4.0' }));
    mkdirSync(join(root, 'dist'));
    writeFileSync(join(root, 'dist', 'app.json'), '{}');
    const out = renderUploadPlan(buildUploadPlan(['--desc', 'spring menu'], env, root));
    expect(out).toContain('Upload plan: mini program wx0123456789abcdef, version 1.4.0 ("spring menu"), as CI robot 1');
    expect(out).toContain(`key: ${join(root, 'keys/private.wx0123456789abcdef.key')}`);
    rmSync(root, { recursive: true });
  });
});
