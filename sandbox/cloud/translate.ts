/**
 * wx-server-sdk conditions and update data → NeDB queries and modifiers, with the cloud
 * database's semantics:
 * - a nested plain object in a condition matches nested fields (`{a:{b:1}}` ≡ `{'a.b':1}`), not
 *   the whole sub-document;
 * - a nested plain object in update data merges into the stored object; `_.set(obj)` replaces it;
 * - `undefined` values are dropped, as the SDK's serialisation drops them.
 */
import { LogicCommand, QueryCommand, UpdateCommand } from './commands';

type NedbQuery = Record<string, unknown>;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

const QUERY_OPERATORS: Record<Exclude<QueryCommand['op'], 'eq'>, string> = {
  neq: '$ne',
  in: '$in',
  nin: '$nin',
  lt: '$lt',
  lte: '$lte',
  gt: '$gt',
  gte: '$gte',
  exists: '$exists',
};

function fieldCondition(path: string, value: unknown): NedbQuery {
  if (value instanceof QueryCommand) {
    if (value.op === 'eq') return { [path]: value.operand };
    return { [path]: { [QUERY_OPERATORS[value.op]]: value.operand } };
  }
  if (value instanceof LogicCommand) {
    return { [`$${value.op}`]: value.operands.map((operand) => fieldCondition(path, operand)) };
  }
  if (value instanceof UpdateCommand) throw new Error(`update command "${value.op}" used in a query on ${path}`);
  if (isPlainObject(value)) return toNedbQuery(value, path);
  return { [path]: value };
}

export function toNedbQuery(condition: unknown, prefix = ''): NedbQuery {
  if (condition instanceof LogicCommand) {
    return { [`$${condition.op}`]: condition.operands.map((operand) => toNedbQuery(operand, prefix)) };
  }
  if (!isPlainObject(condition)) throw new Error('a query condition must be an object or _.and/_.or');
  const parts: NedbQuery[] = [];
  for (const [key, value] of Object.entries(condition)) {
    if (value === undefined) continue;
    parts.push(fieldCondition(prefix ? `${prefix}.${key}` : key, value));
  }
  if (parts.length === 0) return {};
  if (parts.length === 1) return parts[0] as NedbQuery;
  // One object when no two parts name the same key (the same conjunction): NeDB serves a query
  // from an index only through a plain field of the top-level object, never inside $and.
  const merged: NedbQuery = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      if (key in merged) return { $and: parts };
      merged[key] = value;
    }
  }
  return merged;
}

export interface NedbModifier {
  $set?: Record<string, unknown>;
  $inc?: Record<string, number>;
  $unset?: Record<string, true>;
  $push?: Record<string, { $each: unknown[] }>;
}

function addUpdate(modifier: NedbModifier, path: string, value: unknown): void {
  if (value === undefined) return;
  if (path === '_id' || path.startsWith('_id.')) throw new Error('_id cannot be updated');
  if (value instanceof UpdateCommand) {
    switch (value.op) {
      case 'set':
        (modifier.$set ??= {})[path] = stripUndefined(value.operand);
        return;
      case 'inc':
        if (typeof value.operand !== 'number') throw new Error(`_.inc on ${path} needs a number`);
        (modifier.$inc ??= {})[path] = value.operand;
        return;
      case 'remove':
        (modifier.$unset ??= {})[path] = true;
        return;
      case 'push':
        (modifier.$push ??= {})[path] = {
          $each: (Array.isArray(value.operand) ? value.operand : [value.operand]).map(stripUndefined),
        };
        return;
    }
  }
  if (value instanceof QueryCommand || value instanceof LogicCommand) throw new Error(`query command used in update data on ${path}`);
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    for (const [key, inner] of Object.entries(value)) addUpdate(modifier, `${path}.${key}`, inner);
    return;
  }
  (modifier.$set ??= {})[path] = stripUndefined(value);
}

export function toNedbModifier(data: unknown): NedbModifier {
  if (!isPlainObject(data)) throw new Error('update data must be an object');
  const modifier: NedbModifier = {};
  for (const [key, value] of Object.entries(data)) addUpdate(modifier, key, value);
  if (Object.keys(modifier).length === 0) throw new Error('update data is empty');
  return modifier;
}

/** A stored copy without `undefined` values (plain objects and arrays; Dates kept). */
export function stripUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => stripUndefined(item)) as T;
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (inner instanceof UpdateCommand || inner instanceof QueryCommand || inner instanceof LogicCommand) {
        throw new Error(`command used in document data on ${key}`);
      }
      if (inner !== undefined) out[key] = stripUndefined(inner);
    }
    return out as T;
  }
  return value;
}
