/**
 * A wrapper around the local cloud's database, installed from outside the order core:
 * - counts every operation (a network round trip in CloudBase) per scope, reads and writes apart,
 *   with the order they happened in, so the bench can say how many come before the provider call;
 * - stages crash points: within a scope, the invocation freezes (its promise never settles, as if
 *   the instance died) right before or right after its n-th write. Enumerating n covers "between
 *   saving and calling the provider" and "between the provider's answer and saving" without
 *   knowing the code.
 * A scope is opened around one function call with `run`; operations outside any scope are not counted.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Database, DatabaseRequest } from '../sandbox/cloud/database';
import type { LocalCloud } from '../sandbox/cloud/runtime';
import { observePosts } from '../server/platform/http';

export type CrashPoint = { when: 'before' | 'after'; write: number };

export interface DbOp {
  op: string;
  collection: string;
  write: boolean;
  /** A mark the caller set (e.g. "provider called") before this operation. */
  after: readonly string[];
}

export interface DbScope {
  ops: DbOp[];
  marks: string[];
  crash?: CrashPoint;
  /** Set when the crash point was reached: the invocation is frozen from then on. */
  crashed: boolean;
  onCrash: () => void;
}

const WRITES = new Set(['update', 'remove', 'add', 'set']);
const never = new Promise<never>(() => undefined);

export class DatabaseProbe {
  private readonly scopes = new AsyncLocalStorage<DbScope>();

  /** Makes `cloud.database()` hand out the probed database from now on (a new one after a restart too). */
  install(cloud: LocalCloud): void {
    const original = cloud.database.bind(cloud);
    cloud.database = () => this.probe(original());
  }

  /** Runs `fn` (one function call) in a scope of its own; resolves `crashed` if its crash point was reached. */
  async run<T>(fn: () => Promise<T>, crash?: CrashPoint): Promise<{ scope: DbScope } & ({ crashed: false; value: T } | { crashed: true })> {
    let signal: () => void = () => undefined;
    const crashed = new Promise<'crashed'>((resolve) => (signal = () => resolve('crashed')));
    const scope: DbScope = { ops: [], marks: [], crash, crashed: false, onCrash: () => signal() };
    const result = await Promise.race([this.scopes.run(scope, fn), crashed]);
    if (result === 'crashed' && scope.crashed) return { scope, crashed: true };
    return { scope, crashed: false, value: result as T };
  }

  /** Notes an event (e.g. the provider was called) in the current scope, between operations. */
  mark(label: string): void {
    this.scopes.getStore()?.marks.push(label);
  }

  /** Marks `provider call` in the scope whenever code in it posts to a URL under `baseUrl` (every adapter goes through `postRaw`). */
  watchProvider(baseUrl: string): () => void {
    return observePosts((url) => {
      if (url.startsWith(baseUrl)) this.mark('provider call');
    });
  }

  private readonly probed = new WeakSet<Database>();

  /**
   * Every terminal operation of the SDK's database API (get, count, update, remove, add, set, on a
   * query or a document) reaches the database as one `execute` call: counted there, by its verb.
   */
  private probe(db: Database): Database {
    if (this.probed.has(db)) return db;
    this.probed.add(db);
    const execute = db.execute.bind(db);
    db.execute = (request: DatabaseRequest) => this.operation(verb(request), request.collection, () => execute(request));
    return db;
  }

  private async operation(op: string, collection: string, perform: () => Promise<unknown>): Promise<unknown> {
    const scope = this.scopes.getStore();
    if (!scope) return perform();
    if (scope.crashed) return never;
    const write = WRITES.has(op);
    scope.ops.push({ op, collection, write, after: [...scope.marks] });
    const writes = scope.ops.filter((o) => o.write).length;
    const crash = write && scope.crash && scope.crash.write === writes ? scope.crash.when : undefined;
    if (crash === 'before') return this.freeze(scope);
    const result = await perform();
    if (crash === 'after') return this.freeze(scope);
    return result;
  }

  private freeze(scope: DbScope): Promise<never> {
    scope.crashed = true;
    scope.onCrash();
    return never;
  }
}

/** `query.update` → `update`, `doc.get` → `get`, `collection.add` → `add`. */
function verb(request: DatabaseRequest): string {
  return request.op.slice(request.op.indexOf('.') + 1);
}

export type ProbedDatabase = Database;
