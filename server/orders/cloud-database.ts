/**
 * The part of the cloud database API (wx-server-sdk) the server code uses, typed. Both the real
 * SDK and the local cloud (sandbox/cloud) provide it; keeping the surface this small is what lets
 * the same code run on either.
 */
export interface StoredDoc {
  _id: string;
  [field: string]: unknown;
}

export interface CloudQuery {
  where(condition: unknown): CloudQuery;
  orderBy(field: string, direction: 'asc' | 'desc'): CloudQuery;
  skip(offset: number): CloudQuery;
  limit(max: number): CloudQuery;
  get(): Promise<{ data: StoredDoc[] }>;
  count(): Promise<{ total: number }>;
  /** Conditional update: only documents matching the query change; `updated` says how many. */
  update(options: { data: Record<string, unknown> }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

export interface CloudDocument {
  get(): Promise<{ data: StoredDoc }>;
  set(options: { data: Record<string, unknown> }): Promise<unknown>;
  update(options: { data: Record<string, unknown> }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

export interface CloudCollection extends CloudQuery {
  doc(id: string): CloudDocument;
  /** Fails when `data._id` already exists: that failure is how find-or-create stays idempotent. */
  add(options: { data: Record<string, unknown> }): Promise<{ _id: string | number }>;
}

export interface DbCommand {
  eq(value: unknown): unknown;
  neq(value: unknown): unknown;
  in(values: unknown[]): unknown;
  lt(value: unknown): unknown;
  lte(value: unknown): unknown;
  exists(value: boolean): unknown;
  gt(value: unknown): unknown;
  gte(value: unknown): unknown;
  and(...conditions: unknown[]): unknown;
  or(...conditions: unknown[]): unknown;
  inc(value: number): unknown;
  set(value: unknown): unknown;
  push(values: unknown): unknown;
  /** Update command: delete the field. */
  remove(): unknown;
}

export interface CloudDatabase {
  readonly command: DbCommand;
  collection(name: string): CloudCollection;
}

/** The part of `wx-server-sdk` the function entries use. */
export interface CloudSdk {
  init(options?: { env?: unknown }): void;
  readonly DYNAMIC_CURRENT_ENV: unknown;
  getWXContext(): { OPENID?: string; APPID?: string; UNIONID?: string; CLIENTIP?: string; SOURCE?: string; ENV?: string };
  database(): CloudDatabase;
}
