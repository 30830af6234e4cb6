/**
 * The local shop serves the production H5 build (dist-h5/). It is built when missing or older
 * than the sources it comes from, so `npm start` and the browser tests never serve a stale shop
 * and never build twice.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

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

/** Why the build must be (re)made, or undefined when dist-h5/ is up to date. */
export function staleReason(root = REPO_ROOT, dist = H5_DIST): string | undefined {
  const index = path.join(dist, 'index.html');
  if (!existsSync(index)) return `${path.relative(root, index)} is missing`;
  const builtAt = statSync(index).mtimeMs;
  const newer = SOURCES.find((source) => newestMtime(path.join(root, source)) > builtAt);
  return newer ? `${newer} changed since the last build` : undefined;
}

export interface BuildOptions {
  /** Where the build's output goes (default: inherit the terminal). */
  log?: (chunk: string) => void;
}

let building: Promise<void> | undefined;

/** `taro build --type h5` (production) unless dist-h5/ is current. */
export function ensureH5Build(options: BuildOptions = {}): Promise<void> {
  if (!staleReason()) return Promise.resolve();
  building ??= withBuildLock(async () => {
    // Another process may have built it while we waited for the lock.
    const reason = staleReason();
    if (reason) await runBuild(reason, options);
  }).finally(() => {
    building = undefined;
  });
  return building;
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

function runBuild(reason: string, options: BuildOptions): Promise<void> {
  const log = options.log ?? ((chunk: string) => process.stdout.write(chunk));
  log(`Building the shop (H5, production): ${reason}…\n`);
  return new Promise((resolve, reject) => {
    const output: string[] = [];
    const child = spawn(path.join(REPO_ROOT, 'node_modules/.bin/taro'), ['build', '--type', 'h5'], {
      cwd: REPO_ROOT,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Taro's progress bar is drawn only on a terminal: pass on its percentage, so a first start shows it is building.
    let shown = -1;
    const collect = (chunk: Buffer) => {
      const text = chunk.toString();
      output.push(text);
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
      log('Built dist-h5/.\n');
      resolve();
    });
  });
}
