/**
 * The database as files: one JSON file per collection under `collections/` (security rules and
 * indexes) and the environment's function invoke rules (`function-rules.json`). `npm run deploy`
 * applies them; tests hold them against the queries the functions issue.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';

const DATABASE_DIR = __dirname;

/** CloudBase security rule values: a boolean or an expression over `auth` and `doc`. */
const ruleValue = v.union([v.boolean(), v.pipe(v.string(), v.minLength(1))]);

const indexSchema = v.object({
  name: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_]{1,64}$/)),
  unique: v.optional(v.boolean()),
  /** Field → 1 (ascending) or -1 (descending), in key order. */
  keys: v.pipe(v.record(v.string(), v.union([v.literal(1), v.literal(-1)])), v.check((keys) => Object.keys(keys).length > 0, 'an index needs a field')),
});

export const collectionSchema = v.object({
  name: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/)),
  description: v.pipe(v.string(), v.minLength(1)),
  rules: v.strictObject({ read: ruleValue, write: ruleValue }),
  indexes: v.array(indexSchema),
});

/** `{"*": {invoke}, "<function>": {invoke}}`: CloudBase requires the `*` entry. */
export const functionRulesSchema = v.pipe(v.record(v.string(), v.strictObject({ invoke: v.union([v.boolean(), v.literal('auth != null')]) })), v.check((rules) => '*' in rules, 'the rules need a "*" entry'));

export type CollectionSpec = v.InferOutput<typeof collectionSchema>;
export type IndexSpec = v.InferOutput<typeof indexSchema>;
export type FunctionRules = v.InferOutput<typeof functionRulesSchema>;

export interface DatabaseSpec {
  collections: CollectionSpec[];
  functionRules: FunctionRules;
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

export function loadDatabaseSpec(dir = DATABASE_DIR): DatabaseSpec {
  const files = readdirSync(join(dir, 'collections')).filter((file) => file.endsWith('.json')).sort();
  const collections = files.map((file) => {
    const spec = v.parse(collectionSchema, readJson(join(dir, 'collections', file)));
    if (`${spec.name}.json` !== file) throw new Error(`database/collections/${file} declares collection ${spec.name}`);
    return spec;
  });
  return { collections, functionRules: v.parse(functionRulesSchema, readJson(join(dir, 'function-rules.json'))) };
}

/** Whether a client (the mini program) may invoke the function under these rules. */
export function clientMayInvoke(rules: FunctionRules, name: string): boolean {
  return (rules[name] ?? rules['*'])?.invoke !== false;
}
