/**
 * Does a declared index serve a query? A query (its condition as the database sees it, in MongoDB
 * operator form, and its sort) is split into its `$or` branches; a branch is served when it pins
 * `_id`, or when the fields it filters and sorts on are exactly the leading fields of one index
 * (in any order), so that nothing it asks for is left to a scan.
 */
import type { CollectionSpec } from './schema';

export interface QueryShape {
  collection: string;
  /** MongoDB-style condition: `{field: value | {$op: value}}`, `$and`, `$or`. */
  condition: Record<string, unknown>;
  orderBy: readonly string[];
}

interface Branch {
  fields: Set<string>;
  pinsId: boolean;
}

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).some((key) => key.startsWith('$'));
}

/** The condition in disjunctive form: each branch is the set of fields one `$or` alternative filters on. */
export function branchesOf(condition: Record<string, unknown>): Branch[] {
  let branches: Branch[] = [{ fields: new Set(), pinsId: false }];
  const and = (others: Branch[]) => {
    branches = branches.flatMap((mine) =>
      others.map((other) => ({ fields: new Set([...mine.fields, ...other.fields]), pinsId: mine.pinsId || other.pinsId })),
    );
  };
  for (const [key, value] of Object.entries(condition)) {
    if (key === '$and' || key === '$or') {
      const parts = (value as Array<Record<string, unknown>>).map(branchesOf);
      if (key === '$and') for (const part of parts) and(part);
      else and(parts.flat());
      continue;
    }
    const pinned = key === '_id' && (!isOperatorObject(value) || Object.keys(value).every((op) => op === '$in' || op === '$eq'));
    and([{ fields: new Set([key]), pinsId: pinned }]);
  }
  return branches;
}

function sameSet(a: ReadonlySet<string>, b: readonly string[]): boolean {
  return a.size === b.length && b.every((field) => a.has(field));
}

export function coveringIndex(collection: CollectionSpec, fields: ReadonlySet<string>): string | undefined {
  if (fields.size === 0) return undefined;
  for (const index of collection.indexes) {
    const keys = Object.keys(index.keys);
    if (keys.length >= fields.size && sameSet(fields, keys.slice(0, fields.size))) return index.name;
  }
  return undefined;
}

/** Why the query is not served, or undefined when every branch is. */
export function uncovered(query: QueryShape, collections: readonly CollectionSpec[]): string | undefined {
  const collection = collections.find((c) => c.name === query.collection);
  if (!collection) return `collection ${query.collection} is not declared under database/collections/`;
  for (const branch of branchesOf(query.condition)) {
    if (branch.pinsId) continue;
    const fields = new Set([...branch.fields, ...query.orderBy]);
    if (!coveringIndex(collection, fields)) {
      const sort = query.orderBy.length > 0 ? ` sorted by ${query.orderBy.join(', ')}` : '';
      return `${query.collection}: no index covers a query on {${[...branch.fields].join(', ')}}${sort}`;
    }
  }
  return undefined;
}
