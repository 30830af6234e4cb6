/**
 * The local cloud database: the subset of wx-server-sdk's database API the project uses, embedded
 * on disk with NeDB (one append-only file per collection under `dataDir`; in memory without it).
 *
 * Atomicity: NeDB runs every operation of a collection one at a time on its executor, and a
 * `where(cond).update(...)` is a single NeDB `update` that matches and modifies in that one step,
 * so a conditional update is a compare-and-set: of concurrent callers, exactly one wins.
 * Results have wx-server-sdk's shapes: `{_id}`, `{data}`, `{stats:{updated}}`, `{total}`.
 *
 * `Database` is the SDK's side (building and checking each operation); `LocalDatabase` runs the
 * operations on NeDB in this process. remote-database.ts runs them in another process instead
 * (the bench: the database is another machine in CloudBase, as it is there).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Datastore from '@seald-io/nedb';
import { loadDatabaseSpec } from '../../database/schema';
import { command, type Command } from './commands';
import { removeFromBucketsInPlace } from './nedb-buckets';
import { isPlainObject, stripUndefined, toNedbModifier, toNedbQuery, type NedbModifier } from './translate';

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
 * condition matches most goes last (on a tie, NeDB's own choice stands). Only the key order
 * changes, not what matches.
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
      if (cover >= bestCover) [best, bestCover] = [key, cover];
    }
  }
  return best === undefined || keys[keys.length - 1] === best ? condition : moveLast(condition, best);
}

function moveLast(condition: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: value, ...rest } = condition;
  return { ...rest, [key]: value };
}

/**
 * One database operation as it leaves the SDK: the condition and update already in the database's
 * operator form (translate.ts), documents without `undefined`. The answer has the SDK's shape.
 */
export type DatabaseRequest =
  | { op: 'query.get'; collection: string; condition: Record<string, unknown>; order: Array<[string, 1 | -1]>; skip: number; limit: number }
  | { op: 'query.count'; collection: string; condition: Record<string, unknown> }
  | { op: 'query.update'; collection: string; condition: Record<string, unknown>; modifier: NedbModifier }
  | { op: 'query.remove'; collection: string; condition: Record<string, unknown> }
  | { op: 'collection.add'; collection: string; doc: Doc }
  | { op: 'doc.get'; collection: string; id: string }
  | { op: 'doc.set'; collection: string; id: string; data: Record<string, unknown> }
  | { op: 'doc.update'; collection: string; id: string; modifier: NedbModifier }
  | { op: 'doc.remove'; collection: string; id: string };

/**
 * The SDK's side of the database (collection, where, orderBy, skip, limit, doc, command): it builds
 * and checks each operation and hands it to `execute`, which runs it where the data is — embedded
 * (LocalDatabase) or in another process (remote-database.ts).
 */
export abstract class Database {
  readonly command: Command = command;

  constructor(private readonly observer?: QueryObserver) {}

  /** @internal */
  observe(query: ObservedQuery): void {
    this.observer?.(query);
  }

  collection(name: string): CollectionReference {
    if (!COLLECTION_NAME.test(name)) throw new CloudDatabaseError(-502001, `invalid collection name ${JSON.stringify(name)}`);
    return new CollectionReference(this, name);
  }

  /** @internal runs one operation; errors are CloudDatabaseError as the SDK's. */
  abstract execute(request: DatabaseRequest): Promise<unknown>;

  abstract close(): Promise<void>;
}

/** The database embedded in this process, on NeDB. */
export class LocalDatabase extends Database {
  private readonly stores = new Map<string, Promise<Datastore<Doc>>>();
  private closed = false;

  constructor(
    private readonly dataDir?: string,
    observer?: QueryObserver,
  ) {
    super(observer);
    if (dataDir) mkdirSync(dataDir, { recursive: true });
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
        .then(() => {
          removeFromBucketsInPlace(datastore);
          return datastore;
        });
      this.stores.set(name, store);
    }
    return store;
  }

  /** @internal */
  async execute(request: DatabaseRequest): Promise<unknown> {
    const store = await this.store(request.collection);
    const condition = (c: Record<string, unknown>) => preferDeclaredIndex(c, indexesOf(request.collection));
    switch (request.op) {
      case 'query.get': {
        let cursor = store.findAsync(condition(request.condition));
        if (request.order.length > 0) cursor = cursor.sort(Object.fromEntries(request.order));
        return { data: await cursor.skip(request.skip).limit(request.limit), errMsg: 'collection.get:ok' };
      }
      case 'query.count':
        return { total: await store.countAsync(condition(request.condition)), errMsg: 'collection.count:ok' };
      case 'query.update': {
        // One NeDB update: match and modify happen in one executor step (compare-and-set).
        const { numAffected } = await store.updateAsync(condition(request.condition), request.modifier, { multi: true });
        return { stats: { updated: numAffected }, errMsg: 'collection.update:ok' };
      }
      case 'query.remove':
        return { stats: { removed: await store.removeAsync(condition(request.condition), { multi: true }) }, errMsg: 'collection.remove:ok' };
      case 'collection.add':
        try {
          await store.insertAsync(request.doc);
        } catch (err) {
          if (isDuplicateKey(err)) throw new CloudDatabaseError(-502001, `collection.add:fail duplicate key _id ${request.doc._id}`);
          throw err;
        }
        return { _id: request.doc._id, errMsg: 'collection.add:ok' };
      case 'doc.get': {
        const doc = await store.findOneAsync({ _id: request.id });
        if (!doc) throw new CloudDatabaseError(-502004, `document.get:fail document with _id ${request.id} does not exist`);
        return { data: doc, errMsg: 'document.get:ok' };
      }
      case 'doc.set': {
        const { numAffected, upsert } = await store.updateAsync({ _id: request.id }, { ...request.data, _id: request.id }, { upsert: true });
        return { _id: request.id, stats: { updated: upsert ? 0 : numAffected, created: upsert ? 1 : 0 }, errMsg: 'document.set:ok' };
      }
      case 'doc.update': {
        const { numAffected } = await store.updateAsync({ _id: request.id }, request.modifier, {});
        return { stats: { updated: numAffected }, errMsg: 'document.update:ok' };
      }
      case 'doc.remove':
        return { stats: { removed: await store.removeAsync({ _id: request.id }, {}) }, errMsg: 'document.remove:ok' };
    }
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
    protected readonly db: Database,
    readonly collectionName: string,
    protected readonly state: QueryState = { condition: {}, order: [], skip: 0, limit: undefined },
  ) {}

  private with(patch: Partial<QueryState>): Query {
    return new Query(this.db, this.collectionName, { ...this.state, ...patch });
  }

  where(condition: unknown): Query {
    return this.with({ condition: toNedbQuery(condition) });
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
    const { condition, order, skip, limit } = this.state;
    return (await this.db.execute({ op: 'query.get', collection: this.collectionName, condition, order, skip, limit: limit ?? DEFAULT_LIMIT })) as { data: Doc[]; errMsg: string };
  }

  async count(): Promise<{ total: number; errMsg: string }> {
    this.observe('count');
    return (await this.db.execute({ op: 'query.count', collection: this.collectionName, condition: this.state.condition })) as { total: number; errMsg: string };
  }

  /** One update that matches and modifies in one step (compare-and-set). */
  async update(options: { data: unknown }): Promise<{ stats: { updated: number }; errMsg: string }> {
    const modifier = toNedbModifier(options?.data);
    this.observe('update');
    return (await this.db.execute({ op: 'query.update', collection: this.collectionName, condition: this.state.condition, modifier })) as {
      stats: { updated: number };
      errMsg: string;
    };
  }

  async remove(): Promise<{ stats: { removed: number }; errMsg: string }> {
    this.observe('remove');
    return (await this.db.execute({ op: 'query.remove', collection: this.collectionName, condition: this.state.condition })) as { stats: { removed: number }; errMsg: string };
  }
}

export class CollectionReference extends Query {
  constructor(db: Database, name: string) {
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
    return (await this.db.execute({ op: 'collection.add', collection: this.collectionName, doc: { ...data, _id } })) as { _id: string; errMsg: string };
  }
}

export class DocumentReference {
  constructor(
    private readonly db: Database,
    readonly collectionName: string,
    readonly _id: string,
  ) {}

  /** Like the SDK on the server: a missing document is an error, not `{data: null}`. */
  async get(): Promise<{ data: Doc; errMsg: string }> {
    return (await this.db.execute({ op: 'doc.get', collection: this.collectionName, id: this._id })) as { data: Doc; errMsg: string };
  }

  /** Replace the whole document (create it when missing). */
  async set(options: { data: unknown }): Promise<{ _id: string; stats: { updated: number; created: number }; errMsg: string }> {
    if (!isPlainObject(options?.data)) throw new CloudDatabaseError(-502001, 'set needs {data: object}');
    const data = stripUndefined(options.data);
    return (await this.db.execute({ op: 'doc.set', collection: this.collectionName, id: this._id, data })) as {
      _id: string;
      stats: { updated: number; created: number };
      errMsg: string;
    };
  }

  async update(options: { data: unknown }): Promise<{ stats: { updated: number }; errMsg: string }> {
    const modifier = toNedbModifier(options?.data);
    return (await this.db.execute({ op: 'doc.update', collection: this.collectionName, id: this._id, modifier })) as { stats: { updated: number }; errMsg: string };
  }

  async remove(): Promise<{ stats: { removed: number }; errMsg: string }> {
    return (await this.db.execute({ op: 'doc.remove', collection: this.collectionName, id: this._id })) as { stats: { removed: number }; errMsg: string };
  }
}
