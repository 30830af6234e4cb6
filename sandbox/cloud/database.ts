/**
 * The local cloud database: the subset of wx-server-sdk's database API the project uses, embedded
 * on disk with NeDB (one append-only file per collection under `dataDir`; in memory without it).
 *
 * Atomicity: NeDB runs every operation of a collection one at a time on its executor, and a
 * `where(cond).update(...)` is a single NeDB `update` that matches and modifies in that one step,
 * so a conditional update is a compare-and-set: of concurrent callers, exactly one wins.
 * Results have wx-server-sdk's shapes: `{_id}`, `{data}`, `{stats:{updated}}`, `{total}`.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Datastore from '@seald-io/nedb';
import { loadDatabaseSpec } from '../../database/schema';
import { command, type Command } from './commands';
import { isPlainObject, stripUndefined, toNedbModifier, toNedbQuery } from './translate';

type Doc = Record<string, unknown> & { _id: string };

/** What a read or a conditional write asked of a collection, for tests that check the declared indexes. */
export interface ObservedQuery {
  collection: string;
  operation: 'get' | 'count' | 'update' | 'remove' | 'add' | 'doc';
  /** As NeDB sees it (MongoDB operator form). */
  condition: Record<string, unknown>;
  orderBy: string[];
}
export type QueryObserver = (query: ObservedQuery) => void;

/** Errors carry `errCode`/`errMsg` like the SDK's, so code that logs them sees the same fields. */
export class CloudDatabaseError extends Error {
  override readonly name = 'CloudDatabaseError';
  constructor(
    readonly errCode: number,
    readonly errMsg: string,
  ) {
    super(errMsg);
  }
}

/** The SDK's server-side read limit: 100 by default, at most 1000. */
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;
const COLLECTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;

function newDocId(): string {
  return randomBytes(16).toString('hex');
}

function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { errorType?: unknown }).errorType === 'uniqueViolated';
}

/**
 * The fields the cloud database keeps an index on, per collection: the leading field of each index
 * declared under database/collections/ (a compound index serves a query on its leading field).
 * Sparse: a document without the field is not in that index (NeDB would keep them all under one
 * key and rewrite that list on every update), and a query on the field never asks for a missing value.
 * Without them every read and conditional write scans the whole collection, which no deployed
 * environment does; the bench's figures would measure that scan.
 */
function declaredIndexes(): Map<string, string[][]> {
  const indexes = new Map<string, string[][]>();
  for (const collection of loadDatabaseSpec().collections) indexes.set(collection.name, collection.indexes.map((index) => Object.keys(index.keys)));
  return indexes;
}

function leadingFields(indexes: readonly string[][]): string[] {
  return [...new Set(indexes.map((keys) => keys[0]).filter((field): field is string => field !== undefined && field !== '_id'))];
}

let indexKeys: Map<string, string[][]> | undefined;

function indexesOf(collection: string): string[][] {
  indexKeys ??= declaredIndexes();
  return indexKeys.get(collection) ?? [];
}

function isExactValue(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date || value === null;
}

/**
 * NeDB serves a query from the index of the last top-level field it matches exactly (by key order),
 * whatever the other fields. The cloud database picks the index that covers most of the condition
 * (`_id` above all); so does this: the leading field of the declared index whose leading keys the
 * condition matches most goes last. Only the key order changes, not what matches.
 */
export function preferDeclaredIndex(condition: Record<string, unknown>, indexes: readonly string[][]): Record<string, unknown> {
  const keys = Object.keys(condition);
  if (keys.length < 2) return condition;
  let best: string | undefined;
  let bestCover = 0;
  for (const key of keys) {
    if (!isExactValue(condition[key])) continue;
    if (key === '_id') return moveLast(condition, key);
    for (const index of indexes) {
      if (index[0] !== key) continue;
      let cover = 1;
      while (cover < index.length && (index[cover] as string) in condition) cover += 1;
      if (cover > bestCover) [best, bestCover] = [key, cover];
    }
  }
  return best === undefined || keys[keys.length - 1] === best ? condition : moveLast(condition, best);
}

function moveLast(condition: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: value, ...rest } = condition;
  return { ...rest, [key]: value };
}

export class LocalDatabase {
  readonly command: Command = command;
  private readonly stores = new Map<string, Promise<Datastore<Doc>>>();
  private closed = false;

  constructor(
    private readonly dataDir?: string,
    private readonly observer?: QueryObserver,
  ) {
    if (dataDir) mkdirSync(dataDir, { recursive: true });
  }

  /** @internal */
  observe(query: ObservedQuery): void {
    this.observer?.(query);
  }

  collection(name: string): CollectionReference {
    if (!COLLECTION_NAME.test(name)) throw new CloudDatabaseError(-502001, `invalid collection name ${JSON.stringify(name)}`);
    return new CollectionReference(this, name);
  }

  /** @internal the collection's NeDB store, created and loaded on first use. */
  store(name: string): Promise<Datastore<Doc>> {
    if (this.closed) return Promise.reject(new CloudDatabaseError(-501001, 'database is closed'));
    let store = this.stores.get(name);
    if (!store) {
      const datastore = new Datastore<Doc>(this.dataDir ? { filename: join(this.dataDir, `${name}.db`) } : { inMemoryOnly: true });
      const fields = leadingFields(indexesOf(name));
      store = datastore
        .loadDatabaseAsync()
        .then(() => Promise.all(fields.map((fieldName) => datastore.ensureIndexAsync({ fieldName, sparse: true }))))
        .then(() => datastore);
      this.stores.set(name, store);
    }
    return store;
  }

  /** Stop accepting operations and let queued writes reach the disk. */
  async close(): Promise<void> {
    this.closed = true;
    const stores = await Promise.allSettled([...this.stores.values()]);
    for (const result of stores) {
      if (result.status === 'fulfilled') await result.value.compactDatafileAsync();
    }
    this.stores.clear();
  }
}

interface QueryState {
  condition: Record<string, unknown>;
  order: Array<[string, 1 | -1]>;
  skip: number;
  limit: number | undefined;
}

export class Query {
  constructor(
    protected readonly db: LocalDatabase,
    readonly collectionName: string,
    protected readonly state: QueryState = { condition: {}, order: [], skip: 0, limit: undefined },
  ) {}

  private with(patch: Partial<QueryState>): Query {
    return new Query(this.db, this.collectionName, { ...this.state, ...patch });
  }

  where(condition: unknown): Query {
    return this.with({ condition: preferDeclaredIndex(toNedbQuery(condition), indexesOf(this.collectionName)) });
  }

  orderBy(field: string, direction: 'asc' | 'desc'): Query {
    if (direction !== 'asc' && direction !== 'desc') throw new CloudDatabaseError(-502001, `orderBy direction must be asc or desc`);
    return this.with({ order: [...this.state.order, [field, direction === 'asc' ? 1 : -1]] });
  }

  skip(offset: number): Query {
    if (!Number.isInteger(offset) || offset < 0) throw new CloudDatabaseError(-502001, 'skip must be a non-negative integer');
    return this.with({ skip: offset });
  }

  limit(max: number): Query {
    if (!Number.isInteger(max) || max < 1) throw new CloudDatabaseError(-502001, 'limit must be a positive integer');
    return this.with({ limit: Math.min(max, MAX_LIMIT) });
  }

  private observe(operation: ObservedQuery['operation']): void {
    this.db.observe({ collection: this.collectionName, operation, condition: this.state.condition, orderBy: this.state.order.map(([field]) => field) });
  }

  async get(): Promise<{ data: Doc[]; errMsg: string }> {
    this.observe('get');
    const store = await this.db.store(this.collectionName);
    let cursor = store.findAsync(this.state.condition);
    if (this.state.order.length > 0) cursor = cursor.sort(Object.fromEntries(this.state.order));
    const data = await cursor.skip(this.state.skip).limit(this.state.limit ?? DEFAULT_LIMIT);
    return { data, errMsg: 'collection.get:ok' };
  }

  async count(): Promise<{ total: number; errMsg: string }> {
    this.observe('count');
    const store = await this.db.store(this.collectionName);
    return { total: await store.countAsync(this.state.condition), errMsg: 'collection.count:ok' };
  }

  /** One NeDB update: match and modify happen in one executor step (compare-and-set). */
  async update(options: { data: unknown }): Promise<{ stats: { updated: number }; errMsg: string }> {
    const modifier = toNedbModifier(options?.data);
    this.observe('update');
    const store = await this.db.store(this.collectionName);
    const { numAffected } = await store.updateAsync(this.state.condition, modifier, { multi: true });
    return { stats: { updated: numAffected }, errMsg: 'collection.update:ok' };
  }

  async remove(): Promise<{ stats: { removed: number }; errMsg: string }> {
    this.observe('remove');
    const store = await this.db.store(this.collectionName);
    const removed = await store.removeAsync(this.state.condition, { multi: true });
    return { stats: { removed }, errMsg: 'collection.remove:ok' };
  }
}

export class CollectionReference extends Query {
  constructor(db: LocalDatabase, name: string) {
    super(db, name);
  }

  doc(id: string | number): DocumentReference {
    if ((typeof id !== 'string' || id === '') && typeof id !== 'number') throw new CloudDatabaseError(-502001, 'doc id must be a non-empty string');
    this.db.observe({ collection: this.collectionName, operation: 'doc', condition: { _id: String(id) }, orderBy: [] });
    return new DocumentReference(this.db, this.collectionName, String(id));
  }

  /** Insert one document; an `_id` that already exists fails (the caller may rely on that for idempotency). */
  async add(options: { data: unknown }): Promise<{ _id: string; errMsg: string }> {
    if (!isPlainObject(options?.data)) throw new CloudDatabaseError(-502001, 'add needs {data: object}');
    const data = stripUndefined(options.data);
    const given = data._id;
    if (given !== undefined && typeof given !== 'string' && typeof given !== 'number') throw new CloudDatabaseError(-502001, '_id must be a string or a number');
    const _id = given === undefined ? newDocId() : String(given);
    this.db.observe({ collection: this.collectionName, operation: 'add', condition: { _id }, orderBy: [] });
    const store = await this.db.store(this.collectionName);
    try {
      await store.insertAsync({ ...data, _id });
    } catch (err) {
      if (isDuplicateKey(err)) throw new CloudDatabaseError(-502001, `collection.add:fail duplicate key _id ${_id}`);
      throw err;
    }
    return { _id, errMsg: 'collection.add:ok' };
  }
}

export class DocumentReference {
  constructor(
    private readonly db: LocalDatabase,
    readonly collectionName: string,
    readonly _id: string,
  ) {}

  /** Like the SDK on the server: a missing document is an error, not `{data: null}`. */
  async get(): Promise<{ data: Doc; errMsg: string }> {
    const store = await this.db.store(this.collectionName);
    const doc = await store.findOneAsync({ _id: this._id });
    if (!doc) throw new CloudDatabaseError(-502004, `document.get:fail document with _id ${this._id} does not exist`);
    return { data: doc, errMsg: 'document.get:ok' };
  }

  /** Replace the whole document (create it when missing). */
  async set(options: { data: unknown }): Promise<{ _id: string; stats: { updated: number; created: number }; errMsg: string }> {
    if (!isPlainObject(options?.data)) throw new CloudDatabaseError(-502001, 'set needs {data: object}');
    const data = stripUndefined(options.data);
    const store = await this.db.store(this.collectionName);
    const { numAffected, upsert } = await store.updateAsync({ _id: this._id }, { ...data, _id: this._id }, { upsert: true });
    return { _id: this._id, stats: { updated: upsert ? 0 : numAffected, created: upsert ? 1 : 0 }, errMsg: 'document.set:ok' };
  }

  async update(options: { data: unknown }): Promise<{ stats: { updated: number }; errMsg: string }> {
    const modifier = toNedbModifier(options?.data);
    const store = await this.db.store(this.collectionName);
    const { numAffected } = await store.updateAsync({ _id: this._id }, modifier, {});
    return { stats: { updated: numAffected }, errMsg: 'document.update:ok' };
  }

  async remove(): Promise<{ stats: { removed: number }; errMsg: string }> {
    const store = await this.db.store(this.collectionName);
    const removed = await store.removeAsync({ _id: this._id }, {});
    return { stats: { removed }, errMsg: 'document.remove:ok' };
  }
}
