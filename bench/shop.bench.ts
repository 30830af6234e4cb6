/**
 * The shop's budgets (issue 11): the weapp main package (target ≤ 600 KB; WeChat refuses > 2 MB)
 * and a first `npm start` on a fresh clone (target: build progress shown, shop served in ≤ 30 s).
 * Figures only. The weapp figure reads dist/ (built with `npm run build:weapp` when missing); the
 * start figures move dist-h5/ and the H5 build cache aside so the start builds as on a fresh clone,
 * and put them back afterwards — set BENCH_SKIP_START=1 to leave them alone.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { LOCAL_SHOP_CACHE_DIR } from '../config/local-shop';

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const MAIN_TARGET_KB = 600;
const WECHAT_LIMIT_KB = 2048;
const START_TARGET_S = 30;
/** A first start before the local shop had a build of its own (config/local-shop.ts), idle 2-core machine. */
const START_BASELINE_S = 31.3;
/** CPU seconds of that start (this bench on the code before it, at load 6–10 on 2 cores). */
const START_BASELINE_CPU_S = 58.4;

function sizeOf(entry: string): number {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(entry).reduce((sum, name) => sum + sizeOf(path.join(entry, name)), 0);
}

/** Everything in dist/ but the subpackages' roots (app.json subPackages / subpackages). */
function mainPackageBytes(): { main: number; sub: number } {
  const app = JSON.parse(readFileSync(path.join(DIST, 'app.json'), 'utf8')) as { subPackages?: Array<{ root: string }>; subpackages?: Array<{ root: string }> };
  const roots = [...(app.subPackages ?? []), ...(app.subpackages ?? [])].map((p) => path.join(DIST, p.root.replace(/\/$/, '')));
  const sub = roots.filter(existsSync).reduce((sum, root) => sum + sizeOf(root), 0);
  return { main: sizeOf(DIST) - sub, sub };
}

function weappFigure(): void {
  if (!existsSync(path.join(DIST, 'app.json'))) {
    process.stdout.write('dist/ missing: npm run build:weapp …\n');
    spawnSync('npm', ['run', 'build:weapp'], { cwd: ROOT, stdio: 'ignore' });
  }
  const { main, sub } = mainPackageBytes();
  const kb = (bytes: number) => (bytes / 1024).toFixed(1);
  process.stdout.write(`\nweapp package (dist/)\n`);
  process.stdout.write(`main package      ${kb(main).padStart(8)} KB   target ≤ ${MAIN_TARGET_KB} KB (WeChat's limit ${WECHAT_LIMIT_KB} KB)   ${main / 1024 <= MAIN_TARGET_KB ? 'within' : 'OVER'}\n`);
  process.stdout.write(`subpackages       ${kb(sub).padStart(8)} KB\n`);
}

interface StartFigures {
  firstProgress?: number;
  progressLines: number;
  served?: number;
  /** CPU seconds of the start and its build, start to stop (Linux only): steadier than wall time on a shared machine. */
  cpu?: number;
}

/** CPU seconds used by this process's waited-for children and theirs (/proc: user + system, in USER_HZ = 100 ticks). */
function childrenCpuSeconds(): number | undefined {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100; // cutime, cstime
  } catch {
    return undefined;
  }
}

/** `npm start` (`tsx scripts/start.ts`) until it prints the shop's URL: seconds, progress lines seen meanwhile. */
async function timeStart(): Promise<StartFigures> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-start-'));
  const cpuBefore = childrenCpuSeconds();
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/start.ts')], {
    cwd: ROOT,
    env: { ...process.env, SHOP_PORT: '0', SHOP_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let firstProgressAt: number | undefined;
  const servedAt = await new Promise<number | undefined>((resolve) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (firstProgressAt === undefined && /Building the shop: \d+%/.test(output)) firstProgressAt = Date.now();
      if (/http:\/\/\S+\//.test(output)) resolve(Date.now());
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('close', () => resolve(undefined));
  });
  child.kill('SIGINT');
  await new Promise((resolve) => child.once('close', resolve));
  rmSync(dataDir, { recursive: true, force: true });
  const cpuAfter = childrenCpuSeconds();
  const cpu = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
  const since = (at: number | undefined) => (at === undefined ? undefined : (at - started) / 1000);
  return { firstProgress: since(firstProgressAt), progressLines: (output.match(/Building the shop: \d+%/g) ?? []).length, served: since(servedAt), cpu };
}

/** Moves `entries` aside while `work` runs, then puts back whichever the work did not recreate. */
async function withAside<T>(entries: string[], work: () => Promise<T>): Promise<T> {
  const kept = entries.filter(existsSync).map((entry) => {
    renameSync(entry, `${entry}.bench-kept`);
    return entry;
  });
  try {
    return await work();
  } finally {
    for (const entry of kept) {
      if (existsSync(entry)) rmSync(`${entry}.bench-kept`, { recursive: true, force: true });
      else renameSync(`${entry}.bench-kept`, entry);
    }
  }
}

const seconds = (value: number | undefined) => (value === undefined ? 'never' : `${value.toFixed(1)} s`);
const load = () => `load ${loadavg()[0]!.toFixed(2)} on ${cpus().length} cores`;

/**
 * The first `npm start` on a fresh clone (no dist-h5/, no build cache), then a start whose build
 * finds its cache (no dist-h5/, as after a change in client/).
 */
async function startFigures(): Promise<void> {
  const h5 = path.join(ROOT, 'dist-h5');
  process.stdout.write(`\nfirst npm start (fresh clone: no dist-h5/, no build cache; ${load()})\n`);
  const first = await withAside([h5, LOCAL_SHOP_CACHE_DIR], timeStart);
  process.stdout.write(`first progress line   ${seconds(first.firstProgress).padStart(8)}   (${first.progressLines} progress lines)\n`);
  const within = first.served !== undefined && first.served <= START_TARGET_S;
  process.stdout.write(`shop served           ${seconds(first.served).padStart(8)}   target ≤ ${START_TARGET_S} s (baseline ${START_BASELINE_S} s)   ${within ? 'within' : 'MISS'}\n`);
  process.stdout.write(`CPU, start to stop    ${seconds(first.cpu).padStart(8)}   (baseline ${START_BASELINE_CPU_S} s)\n`);

  process.stdout.write(`npm start after a change in client/ (no dist-h5/, build cache kept; ${load()})\n`);
  const later = await withAside([h5], timeStart);
  process.stdout.write(`shop served           ${seconds(later.served).padStart(8)}\n`);
  process.stdout.write(`CPU, start to stop    ${seconds(later.cpu).padStart(8)}\n`);
}

async function main(): Promise<void> {
  weappFigure();
  if (process.env.BENCH_SKIP_START !== '1') await startFigures();
}

void main();
