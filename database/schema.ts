/**
 * The database as files: one JSON file per collection under `collections/` (security rules and
 * indexes) and the environment's function invoke rules (`function-rules.json`). `npm run deploy`
 * applies them; tests hold them against the queries the functions issue.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const DATABASE_DIR = __dirname;

/** CloudBase security rule values: a boolean or an expression over `auth` and `doc`. */
const ruleValue = z.union([z.boolean(), z.string().min(1)]);

const indexSchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9_]{1,64}$/),
  unique: z.boolean().optional(),
  /** Field → 1 (ascending) or -1 (descending), in key order. */
  keys: z.record(z.union([z.literal(1), z.literal(-1)])).refine((keys) => Object.keys(keys).length > 0, 'an index needs a field'),
});

export const collectionSchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  description: z.string().min(1),
  rules: z.object({ read: ruleValue, write: ruleValue }).strict(),
  indexes: z.array(indexSchema),
});

/** `{"*": {invoke}, "<function>": {invoke}}`: CloudBase requires the `*` entry. */
export const functionRulesSchema = z
  .record(z.object({ invoke: z.union([z.boolean(), z.literal('auth != null')]) }).strict())
  .refine((rules) => '*' in rules, 'the rules need a "*" entry');

export type CollectionSpec = z.infer<typeof collectionSchema>;
export type IndexSpec = z.infer<typeof indexSchema>;
export type FunctionRules = z.infer<typeof functionRulesSchema>;

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
    const spec = collectionSchema.parse(readJson(join(dir, 'collections', file)));
    if (`${spec.name}.json` !== file) throw new Error(`database/collections/${file} declares collection ${spec.name}`);
    return spec;
  });
  return { collections, functionRules: functionRulesSchema.parse(readJson(join(dir, 'function-rules.json'))) };
}

/** Whether a client (the mini program) may invoke the function under these rules. */
export function clientMayInvoke(rules: FunctionRules, name: string): boolean {
  return (rules[name] ?? rules['*'])?.invoke !== false;
}
