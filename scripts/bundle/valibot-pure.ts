/**
 * Lets a function's bundle drop the schemas it never uses. Valibot marks its constructors
 * `@__NO_SIDE_EFFECTS__` (building a schema changes nothing else), but esbuild does not carry that
 * mark to calls in other modules: every `export const x = v.object({…})` of every module a
 * function imports was built at its cold start, used or not (`pay` built `orders`' requests, the
 * refund token's schema, …). This plugin writes valibot's own mark on our calls of those functions
 * as `/* @__PURE__ *\/`, which esbuild does honour: an unused schema is left out, a used one is
 * unchanged. Calls valibot does not mark (`v.parse`, which throws) are left alone. A helper of ours
 * that builds a schema needs `/* @__NO_SIDE_EFFECTS__ *\/` on itself (api/actions.ts) to be dropped too.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, sep } from 'node:path';
import type { Plugin } from 'esbuild';

/** Valibot's ESM build, as the function bundles import it. */
function valibotEsmFile(root: string): string {
  return createRequire(join(root, 'package.json')).resolve('valibot').replace(/\.c?js$/, '.mjs');
}

/** The exported names of the functions valibot's ESM build marks `@__NO_SIDE_EFFECTS__`. */
export function valibotPureNames(root: string): Set<string> {
  const source = readFileSync(valibotEsmFile(root), 'utf8');
  const marked = new Set([...source.matchAll(/\/\* @__NO_SIDE_EFFECTS__ \*\/\s*(?:async\s+)?function\s+([\w$]+)/g)].map((m) => m[1] ?? ''));
  const exportList = /export \{([^}]*)\};\s*$/.exec(source)?.[1] ?? '';
  const names = new Set<string>();
  for (const item of exportList.split(',').map((part) => part.trim()).filter(Boolean)) {
    const [local = '', exported = local] = item.split(/\s+as\s+/);
    if (marked.has(local)) names.add(exported);
  }
  return names;
}

/** `v.<name>(` → `/* @__PURE__ *\/ v.<name>(` for the marked names, in files that import valibot as `v`. */
export function markValibotCalls(source: string, pure: ReadonlySet<string>): string {
  if (!/^import \* as v from 'valibot';$/m.test(source)) return source;
  return source.replace(/(?<![\w$.])v\.([\w$]+)\(/g, (call, name: string) => (pure.has(name) ? `/* @__PURE__ */ ${call}` : call));
}

/**
 * Valibot's own regular expressions with `\p{…}` (its EMOJI_REGEX): esbuild writes such a literal as
 * `new RegExp(…)`, which it cannot drop, and building that one costs 0.1 ms of every cold start.
 * Written here as that call marked pure, it is left out unless `v.emoji()` is used.
 */
export function markValibotRegExps(source: string): string {
  return source.replace(/^const ([\w$]+) = \/(.*\\p\{.*)\/([a-z]*);$/gm, (_line, name: string, pattern: string, flags: string) => {
    new RegExp(pattern, flags); // the literal's body is its pattern: a mistake here fails the build, not a cold start
    return `const ${name} = /* @__PURE__ */ new RegExp(${JSON.stringify(pattern)}, ${JSON.stringify(flags)});`;
  });
}

/** For our own TypeScript (not node_modules); `then` may rewrite a file further (one plugin loads our sources). */
export function valibotPure(root: string, then: (path: string, source: string) => string = (_path, source) => source): Plugin {
  const pure = valibotPureNames(root);
  const valibotFile = valibotEsmFile(root);
  return {
    name: 'valibot-pure',
    setup(b) {
      b.onLoad({ filter: /\.mjs$/ }, (args) => (args.path === valibotFile ? { contents: markValibotRegExps(readFileSync(args.path, 'utf8')), loader: 'js' } : undefined));
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        if (!args.path.startsWith(root + sep) || args.path.includes(`${sep}node_modules${sep}`)) return undefined;
        return { contents: then(args.path, markValibotCalls(readFileSync(args.path, 'utf8'), pure)), loader: 'ts' };
      });
    },
  };
}
