/**
 * A CloudDatabase that counts its operations: each `get`, `count`, `update`, `remove`, `add` and
 * `set` is one network round trip in CloudBase. Used by tests (bounds on a code path) and the
 * bench; no function imports it, so it is not in any bundle.
 */
import type { CloudCollection, CloudDatabase, CloudDocument, CloudQuery, DbCommand } from './cloud-database';

export type OperationKind = 'get' | 'count' | 'update' | 'remove' | 'add' | 'set';

export interface DatabaseOperation {
  collection: string;
  kind: OperationKind;
}

export class CountingDatabase implements CloudDatabase {
  readonly operations: DatabaseOperation[] = [];

  constructor(private readonly inner: CloudDatabase) {}

  get command(): DbCommand {
    return this.inner.command;
  }

  /** Operations so far (all collections). */
  get count(): number {
    return this.operations.length;
  }

  reset(): void {
    this.operations.length = 0;
  }

  collection(name: string): CloudCollection {
    const inner = this.inner.collection(name);
    const note: Note = (kind) => this.operations.push({ collection: name, kind });
    return {
      ...countingQuery(inner, note),
      doc: (id: string) => countingDocument(inner.doc(id), note),
      add: (options) => counted(note, 'add', () => inner.add(options)),
    };
  }
}

type Note = (kind: OperationKind) => void;

/** Counts `kind`, then makes the call. */
function counted<T>(note: Note, kind: OperationKind, call: () => Promise<T>): Promise<T> {
  note(kind);
  return call();
}

function countingQuery(inner: CloudQuery, note: Note): CloudQuery {
  return {
    where: (condition) => countingQuery(inner.where(condition), note),
    orderBy: (field, direction) => countingQuery(inner.orderBy(field, direction), note),
    skip: (offset) => countingQuery(inner.skip(offset), note),
    limit: (max) => countingQuery(inner.limit(max), note),
    get: () => counted(note, 'get', () => inner.get()),
    count: () => counted(note, 'count', () => inner.count()),
    update: (options) => counted(note, 'update', () => inner.update(options)),
    remove: () => counted(note, 'remove', () => inner.remove()),
  };
}

function countingDocument(inner: CloudDocument, note: Note): CloudDocument {
  return {
    get: () => counted(note, 'get', () => inner.get()),
    set: (options) => counted(note, 'set', () => inner.set(options)),
    update: (options) => counted(note, 'update', () => inner.update(options)),
    remove: () => counted(note, 'remove', () => inner.remove()),
  };
}
