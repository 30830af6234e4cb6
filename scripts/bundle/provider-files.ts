/**
 * Each payment provider as its own file beside a function's index.js (`provider-<name>.js`),
 * required only when PAY_PROVIDER names it: a cold start parses the configured provider alone. In
 * one bundle the others cost their parse (V8 pre-parses every function it is given, called or
 * not): 25–30 KB of `pay`'s 95; measured, the split saves 0.3–0.45 ms of a 9–10 ms load after the
 * cost of one more file (`npm run bench`, bundles), and no uploaded file is over 61 KB.
 *
 * A provider file is bundled from its folder (server/gateways/<name>/) alone. What it imports from
 * outside that folder (valibot, server/platform, the pipeline, the contract) it takes from the
 * function's index.js, so that both run on one copy of each module: one secret registry, one
 * GatewayError class, one compiled valibot. The file is a factory, `module.exports =
 * function (require) {…}`: index.js calls it with a `require` that answers `shared:<module>` with
 * exactly the names the provider uses (found in its bundle, below) and anything else (node:crypto)
 * from Node.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { build, transform, type Plugin } from 'esbuild';
import { valibotPure } from './valibot-pure';

const SHARED = 'shared:';
/** The namespace of the loader module (below) in a function's bundle. */
const PROVIDER_NAMESPACE = 'provider-file';

export interface SharedModule {
  /** How index.js imports it: a package name, or the file's absolute path. */
  specifier: string;
  names: Set<string>;
}

export interface ProviderFile {
  /** The registry's name for it: `require('./caibao')` → caibao. */
  name: string;
  fileName: string;
  code: string;
  /** What it takes from index.js, by key (`valibot`, `server/platform/log.ts`). */
  shared: Map<string, SharedModule>;
}

export const providerFileName = (name: string) => `provider-${name}.js`;

/** Everything outside `folder` is external, as `shared:<key>`; the keys are recorded. */
function outsideIsShared(root: string, folder: string, shared: Map<string, SharedModule>): Plugin {
  const again = { resolvingOutside: true };
  return {
    name: 'outside-is-shared',
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind === 'entry-point' || args.pluginData === again) return undefined;
        const resolved = await b.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: again });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        if (resolved.external || resolved.path.startsWith(folder + sep)) return resolved;
        const isPackage = !args.path.startsWith('.') && !args.path.startsWith('/');
        const key = isPackage ? args.path : relative(root, resolved.path).split(sep).join('/');
        if (!shared.has(key)) shared.set(key, { specifier: isPackage ? args.path : resolved.path, names: new Set() });
        return { path: SHARED + key, external: true };
      });
    },
  };
}

/** A package's export list, read at build time from the copy the bundle takes. */
function exportNames(specifier: string, root: string): Set<string> {
  return new Set(Object.keys(createRequire(join(root, 'package.json'))(specifier) as object));
}

/**
 * The names the bundle (esbuild's unminified ESM output) takes from each shared module: named
 * imports as written; from a package imported as a namespace (`import * as v from 'valibot'`),
 * every `v.<name>` that the package exports.
 */
function recordNames(esm: string, shared: Map<string, SharedModule>, root: string): void {
  const moduleOf = (key: string) => {
    const found = shared.get(key);
    if (!found) throw new Error(`provider bundle imports ${key}, which it did not resolve`);
    return found;
  };
  let handled = 0;
  for (const [, list = '', key = ''] of esm.matchAll(/^import \{([^}]*)\} from "shared:([^"]+)";$/gm)) {
    for (const item of list.split(',').map((part) => part.trim()).filter(Boolean)) moduleOf(key).names.add(item.split(/\s+as\s+/)[0] ?? item);
    handled++;
  }
  for (const [, alias = '', key = ''] of esm.matchAll(/^import \* as ([\w$]+) from "shared:([^"]+)";$/gm)) {
    const module = moduleOf(key);
    if (module.specifier.startsWith('/')) throw new Error(`provider bundle imports ${key} as a namespace: import the names it uses`);
    const exported = exportNames(module.specifier, root);
    for (const [, name = ''] of esm.matchAll(new RegExp(`(?<![\\w$.])${alias.replace(/\$/g, '\\$')}\\.([\\w$]+)`, 'g'))) {
      if (exported.has(name)) module.names.add(name);
    }
    handled++;
  }
  for (const [, key = ''] of esm.matchAll(/^import "shared:([^"]+)";$/gm)) {
    moduleOf(key);
    handled++;
  }
  const all = [...esm.matchAll(/from "shared:|import "shared:/g)].length;
  if (all !== handled) throw new Error(`provider bundle has ${all - handled} import(s) of index.js modules in a form this build does not read`);
}

/** Bundles one provider (its index.ts) as a factory file; `target` as the functions'. */
export async function buildProviderFile(root: string, name: string, entry: string, target: string): Promise<ProviderFile> {
  const shared = new Map<string, SharedModule>();
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    target,
    format: 'esm',
    write: false,
    outfile: join(root, providerFileName(name)),
    logLevel: 'warning',
    plugins: [outsideIsShared(root, dirname(entry), shared), valibotPure(root)],
  });
  const esm = result.outputFiles[0]?.text ?? '';
  recordNames(esm, shared, root);
  // A namespace is the plain object index.js hands over (no copy behind getters, as an import would make).
  const direct = esm.replace(/^import \* as ([\w$]+) from "(shared:[^"]+)";$/gm, (_line, alias: string, id: string) => `const ${alias} = require(${JSON.stringify(id)});`);
  const cjs = await transform(direct, { format: 'cjs', platform: 'node', target, minify: true, legalComments: 'none' });
  // In parentheses: V8 compiles the factory when it loads the file instead of pre-parsing it then and
  // parsing it again when it is called (the factory always runs: the provider is configured).
  const code = `module.exports=(function(require){"use strict";var module={exports:{}},exports=module.exports;${cjs.code}return module.exports});\n`;
  return { name, fileName: providerFileName(name), code, shared };
}

/** The module index.js imports in place of the registry's `require`s: every provider's shared names, and a loader. */
const LOADER_MODULE = 'provider-files';
const LOADER = 'loadProviderFile';

/**
 * What index.js carries for the provider files: the names they take from it, imported like any
 * other import (so esbuild hoists those modules as usual instead of wrapping them to be initialised
 * on demand, as a `require` of them would make it), and `loadProviderFile(name)`, which requires
 * `./provider-<name>.js` and hands it those names (built when it is called: one table, the
 * configured provider's).
 */
function loaderModule(files: ReadonlyMap<string, ProviderFile>): string {
  const bySpecifier = new Map<string, Set<string>>();
  for (const file of files.values()) {
    for (const module of file.shared.values()) {
      const names = bySpecifier.get(module.specifier) ?? new Set<string>();
      for (const name of module.names) names.add(name);
      bySpecifier.set(module.specifier, names);
    }
  }
  const local = new Map<string, string>();
  const lines: string[] = [];
  [...bySpecifier.entries()].forEach(([specifier, names], m) => {
    const sorted = [...names].sort();
    sorted.forEach((name, i) => local.set(`${specifier}\0${name}`, `s${m}_${i}`));
    lines.push(sorted.length === 0 ? `import ${JSON.stringify(specifier)};` : `import { ${sorted.map((name, i) => `${name} as s${m}_${i}`).join(', ')} } from ${JSON.stringify(specifier)};`);
  });
  lines.push('const FILES = {');
  for (const file of files.values()) {
    const tables = [...file.shared.entries()].map(([key, module]) => {
      const entries = [...module.names].sort().map((name) => `${name}: ${local.get(`${module.specifier}\0${name}`) ?? ''}`);
      return `${JSON.stringify(SHARED + key)}: { ${entries.join(', ')} }`;
    });
    lines.push(`  ${JSON.stringify(file.name)}: () => [require(${JSON.stringify(`./${file.fileName}`)}), { ${tables.join(', ')} }],`);
  }
  lines.push(
    '};',
    `export function ${LOADER}(name) {`,
    '  const [factory, shared] = FILES[name]();',
    '  return factory((id) => {',
    `    if (!id.startsWith(${JSON.stringify(SHARED)})) return require(id);`,
    `    if (!Object.prototype.hasOwnProperty.call(shared, id)) throw new Error("provider-" + name + ".js needs " + id + ", which this index.js does not carry: build both together");`,
    '    return shared[id];',
    '  });',
    '}',
  );
  return lines.join('\n');
}

/**
 * The registry as a function's bundle reads it: each `require('./<provider>')` of its LOADERS
 * becomes `loadProviderFile('<provider>')` (the file beside index.js).
 */
export function registryFromFiles(source: string, files: ReadonlyMap<string, ProviderFile>): string {
  const rewritten = source.replace(/\brequire\('\.\/([\w-]+)'\)/g, (call, name: string) => {
    if (!files.has(name)) throw new Error(`the registry requires ./${name}, which was not built as a provider file`);
    return `__${LOADER}(${JSON.stringify(name)})`;
  });
  return `import { ${LOADER} as __${LOADER} } from ${JSON.stringify(LOADER_MODULE)};\n${rewritten}`;
}

/** For a function's bundle: the loader module above, and the provider files as externals. */
export function providersApart(registry: string, files: ReadonlyMap<string, ProviderFile>): Plugin {
  return {
    name: 'providers-apart',
    setup(b) {
      b.onResolve({ filter: new RegExp(`^${LOADER_MODULE}$`) }, (args) => (args.importer === registry ? { path: LOADER_MODULE, namespace: PROVIDER_NAMESPACE } : undefined));
      b.onResolve({ filter: /^\.\/provider-[\w-]+\.js$/, namespace: PROVIDER_NAMESPACE }, (args) => ({ path: args.path, external: true }));
      b.onLoad({ filter: /.*/, namespace: PROVIDER_NAMESPACE }, () => ({ contents: loaderModule(files), resolveDir: dirname(registry), loader: 'js' }));
    },
  };
}

/** The providers the registry requires (its LOADERS lines), as `name → entry file`. */
export function registryProviders(registry: string): Map<string, string> {
  const source = readFileSync(registry, 'utf8');
  const entries = new Map<string, string>();
  for (const [, name = ''] of source.matchAll(/\brequire\('\.\/([\w-]+)'\)/g)) entries.set(name, join(dirname(registry), name, 'index.ts'));
  return entries;
}
