/**
 * The shop's budgets (issue 11): the weapp main package (target ≤ 600 KB; WeChat refuses > 2 MB)
 * and a first `npm start` on a fresh clone (target: build progress shown, shop served in ≤ 30 s).
 * Figures only. The weapp figure reads dist/ (built with `npm run build:weapp` when missing); the
 * start figure moves dist-h5/ aside so the start builds it, as on a fresh clone — set
 * BENCH_SKIP_START=1 to leave dist-h5/ alone.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const MAIN_TARGET_KB = 600;
const WECHAT_LIMIT_KB = 2048;
const START_TARGET_S = 30;

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

/** `npm start` as on a fresh clone (no dist-h5/): seconds to the printed URL, progress lines seen meanwhile. */
async function firstStartFigure(): Promise<void> {
  const h5 = path.join(ROOT, 'dist-h5');
  const kept = `${h5}.bench-kept`;
  if (existsSync(h5)) renameSync(h5, kept);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-start-'));
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/start.ts')], {
    cwd: ROOT,
    env: { ...process.env, SHOP_PORT: '0', SHOP_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let firstProgressAt: number | undefined;
  const served = await new Promise<number | undefined>((resolve) => {
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
  if (existsSync(h5)) rmSync(kept, { recursive: true, force: true });
  else if (existsSync(kept)) renameSync(kept, h5);

  const progressLines = (output.match(/Building the shop: \d+%/g) ?? []).length;
  const seconds = (at: number | undefined) => (at === undefined ? 'never' : `${((at - started) / 1000).toFixed(1)} s`);
  process.stdout.write(`\nfirst npm start (no dist-h5/)\n`);
  process.stdout.write(`first progress line   ${seconds(firstProgressAt).padStart(8)}   (${progressLines} progress lines)\n`);
  process.stdout.write(`shop served           ${seconds(served).padStart(8)}   target ≤ ${START_TARGET_S} s\n`);
}

async function main(): Promise<void> {
  weappFigure();
  if (process.env.BENCH_SKIP_START !== '1') await firstStartFigure();
}

void main();
