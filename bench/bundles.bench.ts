/**
 * What each cloud function costs at cold start: its bundle (as `npm run build:functions` makes it)
 * and the time to load it over `wx-server-sdk` alone, each in a fresh process (median of several);
 * and the weapp's total and main package size, read from dist/ when it is built.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildFunction, functionNames } from '../scripts/build-functions';
import { printTargets, writeJson, type Measured } from './targets';

const ROOT = join(__dirname, '..');
/** Inside the repo, so that the bundle's require('wx-server-sdk') resolves to node_modules. */
const OUT = join(ROOT, 'test-results', 'bench', 'functions');
const RUNS = Number(process.env.BENCH_LOAD_RUNS ?? 7);

/** ms to require `file` in a fresh node, after (and not counting) wx-server-sdk. */
function loadMs(file: string | undefined): number {
  const script = `const t0=process.hrtime.bigint();require('wx-server-sdk');const t1=process.hrtime.bigint();${file ? `require(${JSON.stringify(file)});` : ''}const t2=process.hrtime.bigint();process.stdout.write(String(Number(t2-t1)/1e6)+' '+String(Number(t1-t0)/1e6))`;
  const samples = Array.from({ length: RUNS }, () => Number(execFileSync(process.execPath, ['-e', script], { cwd: OUT, encoding: 'utf8' }).split(' ')[0]));
  return samples.sort((a, b) => a - b)[Math.floor(RUNS / 2)] ?? 0;
}

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
  const sdkAlone = loadMs(undefined);
  for (const name of functionNames()) {
    const file = await buildFunction(name, join(OUT, name));
    const kb = Math.round(statSync(file).size / 1024);
    rows.push({ name: `${name}: bundle`, value: kb, unit: 'KB', baseline: '129–230', target: { max: 100 } });
    rows.push({ name: `${name}: load over wx-server-sdk`, value: Math.round((loadMs(file) - sdkAlone) * 10) / 10, unit: 'ms', baseline: '30–76', target: { max: 10 } });
  }
  rows.push(...weapp());
  printTargets(`Cloud function bundles (median of ${RUNS} fresh processes) and the weapp`, rows);
  writeJson('bundles', rows);
}

void main();
