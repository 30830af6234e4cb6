import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { UserConfigExport } from '@tarojs/cli';
import type { Compiler } from 'webpack';
import type Chain from 'webpack-chain';

// The local shop's H5 build (`npm start` and the browser tests; sandbox/shop/h5-build.ts sets
// LOCAL_SHOP_BUILD=1). React's production build, opened in a current browser on loopback, so:
// not minified, Babel (with current-browser targets, babel.config.js) only over our own code —
// Taro's packages ship ES2015+ already — and webpack's filesystem cache so that a later start
// rebuilds only what changed. `npm run build:h5` stays the full production build.

const ROOT = path.resolve(__dirname, '..');
const NODE_MODULES = /[\\/]node_modules[\\/]/;
const CACHE_NAME = 'local-shop-h5';
/** The build cache (webpack's default cacheDirectory, under an own name): gone with node_modules/ on a fresh install. */
export const LOCAL_SHOP_CACHE_DIR = path.join(ROOT, 'node_modules', '.cache', 'webpack', CACHE_NAME);

/**
 * What the build reads outside webpack's module graph — build settings, the app and page configs
 * (Taro reads them itself), the installed packages (lock file, webpack included) — hashed into the
 * cache's version: a change starts the cache afresh.
 */
function buildInputsVersion(): string {
  const configs = readdirSync(__dirname).filter((name) => name.endsWith('.ts')).map((name) => path.join(__dirname, name));
  const client = path.join(ROOT, 'client');
  const pageConfigs = readdirSync(client, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.config.ts'))
    .sort()
    .map((name) => path.join(client, name));
  const files = [...configs, ...pageConfigs, ...['babel.config.js', 'package.json', 'package-lock.json'].map((name) => path.join(ROOT, name))];
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${path.relative(ROOT, file)}\0`).update(existsSync(file) ? readFileSync(file) : '');
  return hash.digest('hex');
}

/** Printed once dist-h5/ is complete: sandbox/shop/h5-build.ts serves the shop while webpack stores its cache. */
export const LOCAL_SHOP_BUILT = 'local shop: dist-h5/ complete';

/** Prints LOCAL_SHOP_BUILT when webpack is done (output written; storing the cache comes after). */
class AnnounceBuilt {
  apply(compiler: Compiler): void {
    compiler.hooks.done.tap('AnnounceBuilt', (stats) => {
      if (!stats.hasErrors()) process.stdout.write(`\n${LOCAL_SHOP_BUILT}\n`);
    });
  }
}

/** The webpack settings Taro has no option for (called from the h5 webpackChain in config/index.ts). */
export function localShopWebpackChain(chain: Chain): void {
  // Set here rather than through Taro's `cache.enable`: Taro's default names src/app.config as a build
  // dependency, which does not exist here (sourceRoot is client/), and webpack then stores nothing.
  chain.cache({ type: 'filesystem', cacheDirectory: path.dirname(LOCAL_SHOP_CACHE_DIR), name: CACHE_NAME, version: buildInputsVersion(), buildDependencies: { defaultWebpack: [] } });
  chain.plugin('announce-built').use(AnnounceBuilt);
}

export default {
  terser: { enable: false },
  csso: { enable: false },
  h5: { compile: { exclude: [(filename: string) => NODE_MODULES.test(filename)] } },
} satisfies UserConfigExport<'webpack5'>;
