/**
 * What each cloud function costs at cold start: its bundle (as `npm run build:functions` makes it:
 * index.js, and one provider-<name>.js per payment provider beside it, of which a load requires the
 * configured one) and the time to load it over `wx-server-sdk` alone, each in a fresh process
 * (median of several); and the weapp's total and main package size, read from dist/ when it is built.
 *
 * A load is a real cold start: `require` of the function's index.js, which initialises the SDK and
 * reads its settings, the configured provider's included (its file required, its settings checked,
 * its key imported); PAY_PROVIDER and that provider's settings as its sandbox gives them (nothing
 * listens, nothing is called), in the environment markers the cloud sets. Each function is loaded
 * configured for every provider and the slowest provider is the figure. The subscribe message is
 * off (no PAID_MESSAGE_*: its settings are then not parsed); one more row loads `pay` with it on.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Cashier, createClock } from '../sandbox/common';
import { SANDBOX_NAMES, sandboxEntryOf, type SandboxName } from '../sandbox';
import { buildFunction, functionNames, providerFiles } from '../scripts/build-functions';
import { printTargets, writeJson, type Measured } from './targets';

const ROOT = join(__dirname, '..');
/** Inside the repo, so that the bundle's require('wx-server-sdk') resolves to node_modules. */
const OUT = join(ROOT, 'test-results', 'bench', 'functions');
const RUNS = Number(process.env.BENCH_LOAD_RUNS ?? 7);

/** Printed by this bench before issue 10's bundle work (off the cloud's environment, no provider configured). */
const BASELINE: Record<string, { kb: number; ms: number }> = {
  catalog: { kb: 64, ms: 27 },
  merchant: { kb: 141, ms: 66.5 },
  orders: { kb: 131, ms: 57.3 },
  pay: { kb: 138, ms: 71.4 },
  payNotify: { kb: 131, ms: 73.2 },
  reconcile: { kb: 136, ms: 72.9 },
  refund: { kb: 131, ms: 68.5 },
};

/**
 * What SCF puts in every function's environment. Without TENCENTCLOUD_RUNENV, wx-server-sdk's
 * init() looks for a Tencent Cloud metadata server over HTTP (DNS, a socket: 25–30 ms here) —
 * work no deployed function does; the region and namespace only silence its complaints.
 */
const CLOUD_MARKERS = { TENCENTCLOUD_RUNENV: 'SCF', TENCENTCLOUD_REGION: 'ap-guangzhou', SCF_NAMESPACE: 'bench' };

/** Every function's settings with `provider` chosen: its sandbox's adapter settings (no sandbox started). */
function configuredFor(provider: SandboxName): Record<string, string> {
  const clock = createClock({ speed: 1 });
  const sandbox = sandboxEntryOf(provider).create({ cashier: new Cashier({ clock }), clock });
  const adapter = sandbox.adapterEnv?.('http://127.0.0.1:9', 'http://127.0.0.1:9/payNotify') ?? {};
  void sandbox.app.close();
  sandbox.notifier.close();
  return { PAY_PROVIDER: provider, ...adapter, REFUND_ADMIN_TOKEN: 'bench-admin-token-0123456789', ADMIN_OPENIDS: 'bench-admin-openid' };
}

const median = (samples: number[]) => samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)] ?? 0;

/**
 * Wall and CPU ms to run `code` in a fresh node with `env`, after (and not counting)
 * require('wx-server-sdk'); medians. CPU time is printed beside wall time because on a shared
 * machine the wall time of a load is mostly waiting for a core.
 */
function overSdk(code: string, env: Record<string, string>): { wall: number; cpu: number } {
  const script = `const sdk=require('wx-server-sdk');const c0=process.cpuUsage();const t1=process.hrtime.bigint();${code};const c=process.cpuUsage(c0);process.stdout.write('\\n'+String(Number(process.hrtime.bigint()-t1)/1e6)+' '+String((c.user+c.system)/1e3))`;
  const run = () => execFileSync(process.execPath, ['-e', script], { cwd: OUT, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' }).split('\n').pop()?.split(' ').map(Number) ?? [];
  const samples = Array.from({ length: RUNS }, run);
  return { wall: median(samples.map((s) => s[0] ?? NaN)), cpu: median(samples.map((s) => s[1] ?? NaN)) };
}

const round1 = (ms: number) => Math.round(ms * 10) / 10;

function dirSize(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? dirSize(path) : statSync(path).size;
  }
  return total;
}

function weapp(): Measured[] {
  const dist = join(ROOT, 'dist');
  if (!existsSync(join(dist, 'app.json'))) {
    return [{ name: 'weapp: total / main package', value: 'not built', unit: '(npm run build:weapp)', baseline: '–' }];
  }
  const app = JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8')) as { subPackages?: Array<{ root: string }>; subpackages?: Array<{ root: string }> };
  const total = dirSize(dist);
  const subs = [...(app.subPackages ?? []), ...(app.subpackages ?? [])].map((s) => join(dist, s.root)).filter(existsSync);
  const main = total - subs.reduce((sum, dir) => sum + dirSize(dir), 0);
  return [
    { name: 'weapp: total', value: Math.round(total / 1024), unit: 'KB', baseline: '–' },
    { name: 'weapp: main package', value: Math.round(main / 1024), unit: 'KB', baseline: '–', target: { max: 600 } },
  ];
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const rows: Measured[] = [];
  const envs = SANDBOX_NAMES.map((provider) => ({ provider, env: { ...CLOUD_MARKERS, ...configuredFor(provider) } }));
  const nothing = overSdk('', CLOUD_MARKERS);
  const providers = await providerFiles();
  const largestProvider = Math.max(...[...providers.values()].map((file) => Buffer.byteLength(file.code)));
  for (const name of functionNames()) {
    const file = await buildFunction(name, join(OUT, name), providers);
    const index = statSync(file).size;
    const requires = readFileSync(file, 'utf8').includes('require("./provider-');
    const kb = Math.round((index + (requires ? largestProvider : 0)) / 1024);
    const base = BASELINE[name];
    rows.push({ name: `${name}: bundle (index.js ${Math.round(index / 1024)} KB${requires ? ' + largest provider file' : ''})`, value: kb, unit: 'KB', baseline: base ? `${base.kb} KB` : '–', target: { max: 100 } });
    const loads = envs.map(({ provider, env }) => {
      const load = overSdk(`require(${JSON.stringify(file)})`, env);
      return { provider, wall: load.wall - nothing.wall, cpu: load.cpu - nothing.cpu };
    });
    const worst = loads.reduce((a, b) => (b.wall > a.wall ? b : a));
    rows.push({ name: `${name}: load over wx-server-sdk (slowest: ${worst.provider})`, value: round1(worst.wall), unit: 'ms', baseline: base ? `${base.ms} ms` : '–', target: { max: 10 } });
    rows.push({ name: `${name}: … its CPU time`, value: round1(worst.cpu), unit: 'ms', baseline: '–' });
    if (name === 'pay') {
      const on = envs.find((e) => e.provider === worst.provider)?.env ?? {};
      const load = overSdk(`require(${JSON.stringify(file)})`, { ...on, PAID_MESSAGE_TEMPLATE_ID: 'bench_template_1' });
      rows.push({ name: `pay: … with the subscribe message on (PAID_MESSAGE_TEMPLATE_ID; ${worst.provider}), wall / CPU`, value: `${round1(load.wall - nothing.wall)} / ${round1(load.cpu - nothing.cpu)}`, unit: 'ms', baseline: '–' });
    }
  }
  rows.push({ name: 'provider files beside each index.js (one loaded: the configured)', value: [...providers.values()].map((p) => `${p.name} ${Math.round(Buffer.byteLength(p.code) / 1024)}`).join(' / '), unit: 'KB', baseline: '–' });
  // What the cloud markers leave out, for comparison with the baseline (which included it).
  const init = `sdk.init({env:sdk.DYNAMIC_CURRENT_ENV})`;
  rows.push({ name: 'wx-server-sdk init() off the cloud (metadata lookup; not in the loads above)', value: round1(overSdk(init, {}).wall - overSdk(init, CLOUD_MARKERS).wall), unit: 'ms', baseline: '–' });
  rows.push(...weapp());
  printTargets(`Cloud function bundles (median of ${RUNS} fresh processes) and the weapp`, rows);
  writeJson('bundles', rows);
}

void main();
