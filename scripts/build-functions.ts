/**
 * Bundles each cloud function (cloudfunctions/<name>/index.ts and the server code it imports) into
 * one cloudfunctions/<name>/index.js for upload from WeChat DevTools. wx-server-sdk stays external:
 * the cloud installs it from the function's own package.json.
 *
 *   npm run build:functions            all functions
 *   npm run build:functions -- pay     only the named ones
 */
import { readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build, type BuildOptions } from 'esbuild';

const ROOT = join(__dirname, '..');
const FUNCTIONS_DIR = join(ROOT, 'cloudfunctions');

/** Node 16 is the oldest runtime CloudBase offers for functions. */
const TARGET = 'node16';

export function functionNames(): string[] {
  return readdirSync(FUNCTIONS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(FUNCTIONS_DIR, entry.name, 'index.ts')))
    .map((entry) => entry.name)
    .sort();
}

function options(name: string, outfile: string): BuildOptions {
  return {
    entryPoints: [join(FUNCTIONS_DIR, name, 'index.ts')],
    outfile,
    // Metafile paths (bundleContents) are relative to the repo wherever the build is started.
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    target: TARGET,
    format: 'cjs',
    external: ['wx-server-sdk'],
    sourcemap: false,
    // Halves each bundle (pay: 224 → 118 KB) and its parse time at cold start; `npm run bench` measures it.
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  };
}

/** Into the function's folder (for upload) unless `outDir` says otherwise (tests). */
export async function buildFunction(name: string, outDir = join(FUNCTIONS_DIR, name)): Promise<string> {
  const outfile = join(outDir, 'index.js');
  await build(options(name, outfile));
  return outfile;
}

/** The source files a function's bundle carries (repo-relative paths), and its size; nothing is written. */
export async function bundleContents(name: string): Promise<{ files: string[]; bytes: number }> {
  const result = await build({ ...options(name, join(FUNCTIONS_DIR, name, 'index.js')), write: false, metafile: true });
  const output = Object.values(result.metafile.outputs)[0];
  return { files: Object.keys(output?.inputs ?? {}).sort(), bytes: output?.bytes ?? 0 };
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const all = functionNames();
  const unknown = wanted.filter((name) => !all.includes(name));
  if (unknown.length > 0) throw new Error(`no such function: ${unknown.join(', ')} (have: ${all.join(', ')})`);
  for (const name of wanted.length > 0 ? wanted : all) {
    const outfile = await buildFunction(name);
    process.stdout.write(`built ${outfile.slice(ROOT.length + 1)}\n`);
  }
}

// Run as a script (not when a test imports it).
if (process.argv[1] && resolve(process.argv[1]) === __filename) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
