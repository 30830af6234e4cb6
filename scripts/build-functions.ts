/**
 * Bundles each cloud function (cloudfunctions/<name>/index.ts and the server code it imports) into
 * cloudfunctions/<name>/index.js, with each payment provider beside it as provider-<name>.js (see
 * bundle/provider-files.ts: only the configured one is loaded), for upload from WeChat DevTools or
 * `npm run deploy` (the folder is the function). wx-server-sdk stays external: the cloud installs
 * it from the function's own package.json.
 *
 *   npm run build:functions            all functions
 *   npm run build:functions -- pay     only the named ones
 */
import { readdirSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { buildProviderFile, providersApart, registryFromFiles, registryProviders, type ProviderFile } from './bundle/provider-files';
import { valibotPure } from './bundle/valibot-pure';

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

const REGISTRY = join(ROOT, 'server', 'gateways', 'registry.ts');

/** Every provider the registry loads, as its own file (the same for every function). */
export async function providerFiles(): Promise<Map<string, ProviderFile>> {
  const files = new Map<string, ProviderFile>();
  for (const [name, entry] of registryProviders(REGISTRY)) files.set(name, await buildProviderFile(ROOT, name, entry, TARGET));
  return files;
}

function options(name: string, outfile: string, providers: ReadonlyMap<string, ProviderFile>): BuildOptions {
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
    plugins: [valibotPure(ROOT, (path, source) => (path === REGISTRY ? registryFromFiles(source, providers) : source)), providersApart(REGISTRY, providers)],
  };
}

/**
 * Into the function's folder (for upload) unless `outDir` says otherwise (tests): index.js and the
 * provider files beside it. Returns index.js.
 */
export async function buildFunction(name: string, outDir = join(FUNCTIONS_DIR, name), providers?: ReadonlyMap<string, ProviderFile>): Promise<string> {
  const files = providers ?? (await providerFiles());
  const outfile = join(outDir, 'index.js');
  await build(options(name, outfile, files));
  mkdirSync(outDir, { recursive: true });
  // Only where index.js loads them (catalog takes no payment); none left from an earlier build otherwise.
  const loads = readFileSync(outfile, 'utf8').includes('require("./provider-');
  for (const file of files.values()) {
    const path = join(outDir, file.fileName);
    if (loads) writeFileSync(path, file.code);
    else rmSync(path, { force: true });
  }
  return outfile;
}

/**
 * The source files a function's index.js carries (repo-relative paths), its size, and the files it
 * carries that something in it `require`s (esbuild wraps those, and all they import, to be
 * initialised on demand); nothing is written.
 */
export async function bundleContents(name: string, providers?: ReadonlyMap<string, ProviderFile>): Promise<{ files: string[]; bytes: number; required: string[] }> {
  const result = await build({ ...options(name, join(FUNCTIONS_DIR, name, 'index.js'), providers ?? (await providerFiles())), write: false, metafile: true });
  const output = Object.values(result.metafile.outputs)[0];
  const inputs = Object.values(result.metafile.inputs);
  const required = inputs.flatMap((input) => input.imports.filter((i) => i.kind === 'require-call' && !i.external).map((i) => i.path));
  return { files: Object.keys(output?.inputs ?? {}).filter((file) => !file.startsWith('provider-file:')).sort(), bytes: output?.bytes ?? 0, required };
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const all = functionNames();
  const unknown = wanted.filter((name) => !all.includes(name));
  if (unknown.length > 0) throw new Error(`no such function: ${unknown.join(', ')} (have: ${all.join(', ')})`);
  const providers = await providerFiles();
  for (const name of wanted.length > 0 ? wanted : all) {
    const outfile = await buildFunction(name, join(FUNCTIONS_DIR, name), providers);
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
