/**
 * The local shop serves the H5 build (dist-h5/). It is built when missing or older than the
 * sources it comes from, so `npm start` and the browser tests never serve a stale shop and never
 * build twice. It is the local shop's flavour of the production build (config/local-shop.ts: not
 * minified, webpack's filesystem cache), which keeps a first `npm start` short.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LOCAL_SHOP_BUILT } from '../../config/local-shop';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const H5_DIST = path.join(REPO_ROOT, 'dist-h5');
/** What the H5 build is made from. */
const SOURCES = ['client', 'api', 'config', 'babel.config.js', 'package.json'];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(entry).reduce((newest, name) => Math.max(newest, newestMtime(path.join(entry, name))), stat.mtimeMs);
}

/**
 * What the build is made from besides files: the local shop's flavour and the settings the client
 * reads at build time (config/index.ts). Written beside index.html once a build is complete, so a
 * build made another way (`npm run build:h5`) or with another template id is made again.
 */
const INPUTS_FILE = '.local-shop-inputs.json';

function buildInputs(env: NodeJS.ProcessEnv): string {
  return JSON.stringify({ flavour: 'local-shop', PAID_MESSAGE_TEMPLATE_ID: env.PAID_MESSAGE_TEMPLATE_ID ?? '' });
}

function readInputs(dist: string): string | undefined {
  try {
    return readFileSync(path.join(dist, INPUTS_FILE), 'utf8');
  } catch {
    return undefined;
  }
}

/** Why the build must be (re)made, or undefined when dist-h5/ is up to date. */
export function staleReason(root = REPO_ROOT, dist = H5_DIST, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const index = path.join(dist, 'index.html');
  if (!existsSync(index)) return `${path.relative(root, index)} is missing`;
  const inputs = readInputs(dist);
  if (inputs === undefined) return `${path.relative(root, dist)} was not built by the local shop`;
  if (inputs !== buildInputs(env)) return 'PAID_MESSAGE_TEMPLATE_ID changed since the last build';
  const builtAt = statSync(index).mtimeMs;
  const newer = SOURCES.find((source) => newestMtime(path.join(root, source)) > builtAt);
  return newer ? `${newer} changed since the last build` : undefined;
}

export interface BuildOptions {
  /** Where the build's output goes (default: inherit the terminal). */
  log?: (chunk: string) => void;
}

/** A build of this process: `built` once dist-h5/ is complete, `finished` once the build process has ended (it stores its cache after). */
let building: { built: Promise<void>; finished: Promise<void> } | undefined;

/** `taro build --type h5` (the local shop's flavour) unless dist-h5/ is current; resolves when dist-h5/ is. */
export function ensureH5Build(options: BuildOptions = {}): Promise<void> {
  // The environment as it is now: the caller goes on to set the functions' settings while the build waits or runs.
  const env = { ...process.env };
  if (!staleReason(REPO_ROOT, H5_DIST, env)) return Promise.resolve();
  if (!building) {
    let markBuilt = () => {};
    const built = new Promise<void>((resolve) => (markBuilt = resolve));
    const finished = withBuildLock(async () => {
      // Another process may have built it while we waited for the lock.
      const reason = staleReason(REPO_ROOT, H5_DIST, env);
      if (reason) await runBuild(reason, env, options, markBuilt);
    }).finally(() => {
      building = undefined;
    });
    finished.catch(() => undefined); // a failure reaches the caller through `built`
    building = { built: Promise.race([built, finished]), finished };
  }
  return building.built;
}

/** Resolves once this process runs no build any more (a served shop's build may still be storing its cache). */
export function h5BuildFinished(): Promise<void> {
  return building ? building.finished.catch(() => undefined) : Promise.resolve();
}

const LOCK_DIR = path.join(REPO_ROOT, '.local', 'h5-build.lock');
const LOCK_POLL_MS = 250;

function holderAlive(): boolean {
  try {
    const pid = Number(readFileSync(path.join(LOCK_DIR, 'pid'), 'utf8'));
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** One build at a time across processes (`npm start` and test workers share dist-h5/): a lock directory holding the builder's pid. */
async function withBuildLock(work: () => Promise<void>): Promise<void> {
  mkdirSync(path.dirname(LOCK_DIR), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK_DIR);
      writeFileSync(path.join(LOCK_DIR, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      // A builder that died leaves its lock behind: take it over. (A lock with no pid yet is being taken.)
      if (existsSync(path.join(LOCK_DIR, 'pid')) && !holderAlive()) rmSync(LOCK_DIR, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
    }
  }
  try {
    await work();
  } finally {
    rmSync(LOCK_DIR, { recursive: true, force: true });
  }
}

/** The local shop's flavour (config/local-shop.ts), with a larger young generation: webpack allocates a lot, and fewer collections save CPU. */
function localBuildEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const nodeOptions = [env.NODE_OPTIONS, '--max-semi-space-size=64'].filter(Boolean).join(' ');
  return { ...env, NODE_ENV: 'production', LOCAL_SHOP_BUILD: '1', NODE_OPTIONS: nodeOptions };
}

function runBuild(reason: string, env: NodeJS.ProcessEnv, options: BuildOptions, markBuilt: () => void): Promise<void> {
  const log = options.log ?? ((chunk: string) => process.stdout.write(chunk));
  log(`Building the shop (H5): ${reason}…\n`);
  return new Promise((resolve, reject) => {
    const output: string[] = [];
    // --no-check: Taro's config check fetches a schema from GitHub first (slow or unreachable for many); `npm run build:*` still checks.
    const child = spawn(path.join(REPO_ROOT, 'node_modules/.bin/taro'), ['build', '--type', 'h5', '--no-check'], {
      cwd: REPO_ROOT,
      env: localBuildEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Taro's progress bar is drawn only on a terminal: pass on its percentage, so a first start shows it is building.
    let shown = -1;
    let built = false;
    const announceBuilt = () => {
      if (built) return;
      built = true;
      writeFileSync(path.join(H5_DIST, INPUTS_FILE), buildInputs(env));
      log('Built dist-h5/.\n');
      markBuilt();
    };
    const collect = (chunk: Buffer) => {
      const text = chunk.toString();
      output.push(text);
      // dist-h5/ is complete; the build goes on storing its cache, which the shop need not wait for.
      if (text.includes(LOCAL_SHOP_BUILT) && existsSync(path.join(H5_DIST, 'index.html'))) announceBuilt();
      const percents = [...text.matchAll(/\((\d{1,3})%\)/g)].map((m) => Number(m[1]));
      const percent = percents.length > 0 ? Math.max(...percents) : -1;
      if (percent >= shown + 10) {
        shown = percent;
        log(`Building the shop: ${percent}%\n`);
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', (code) => {
      const failed = code !== 0 || !existsSync(path.join(H5_DIST, 'index.html'));
      if (failed) {
        reject(new Error(`The H5 build failed (exit ${code}):\n${output.join('').slice(-4000)}`));
        return;
      }
      announceBuilt();
      resolve();
    });
  });
}
