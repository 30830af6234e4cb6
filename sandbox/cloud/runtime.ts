/**
 * The local cloud: runs cloud function entries (`main(event, context)`) the way CloudBase does,
 * each call in its own WX context, against one embedded database.
 *
 * - `deploy(name, load)`: `load` returns the function's module; it runs at deploy and again at
 *   every `restart()`, which is the function's cold start (tests pass a loader that re-imports the
 *   module in a fresh registry, local runs a plain `require`).
 * - `invoke(name, event, context)`: event and result cross a JSON boundary, as over the network
 *   (`invokeJson` takes and answers the JSON text itself).
 * - `restart()`: closes the database and reopens it from disk, then cold-starts every function.
 */
import { randomUUID } from 'node:crypto';
import {
  runInvocation,
  setCurrentRuntime,
  type CallFunctionParam,
  type CallFunctionResult,
  type CloudRuntime,
  type WXContext,
} from './context';
import { LocalDatabase, type Database, type QueryObserver } from './database';
import { SubscribeMessages } from './openapi';

export interface CloudFunctionModule {
  main(event: unknown, context: unknown): unknown;
}

export type FunctionLoader = () => CloudFunctionModule;

export interface LocalCloudOptions {
  /** Where the database files live; in memory when absent (a restart then loses everything). */
  dataDir?: string;
  envId?: string;
  /** Sees every read and conditional write (tests: the declared indexes must serve them). */
  observeQueries?: QueryObserver;
  /** The mini program's pages: a subscribe message's `page` must be one of them (none given: any). */
  pages?: readonly string[];
  /**
   * Opens the database the functions use, at start and at every restart; the embedded one
   * (`dataDir`, `observeQueries`) when absent. The bench passes one in another process (remote-database.ts).
   */
  openDatabase?: () => Database;
}

export class FunctionNotFoundError extends Error {
  override readonly name = 'FunctionNotFoundError';
  readonly errCode = -501000;
}

/** A value as JSON text, the way it crosses the network (undefined stays absent). */
function toJson(value: unknown): string | undefined {
  // JSON.stringify answers undefined for undefined, a function or a symbol, whatever its declared type says.
  return JSON.stringify(value);
}

function fromJson(text: string | undefined): unknown {
  return text === undefined ? undefined : JSON.parse(text);
}

/** A request id as CloudBase shows one: 32 hex digits (from the runtime's pool of random UUIDs). */
function newRequestId(): string {
  return randomUUID().replace(/-/g, '');
}

export class LocalCloud implements CloudRuntime {
  readonly envId: string;
  /** Subscribe messages sent (and refused) through `cloud.openapi`; kept in memory for this run. */
  readonly subscribeMessages: SubscribeMessages;
  private db: Database;
  private readonly loaders = new Map<string, FunctionLoader>();
  private readonly modules = new Map<string, CloudFunctionModule>();

  constructor(private readonly options: LocalCloudOptions = {}) {
    this.envId = options.envId ?? 'local';
    this.subscribeMessages = new SubscribeMessages(options.pages ? { pages: options.pages } : {});
    this.db = this.openDatabase();
    setCurrentRuntime(this);
  }

  database(): Database {
    return this.db;
  }

  private openDatabase(): Database {
    return this.options.openDatabase?.() ?? new LocalDatabase(this.options.dataDir, this.options.observeQueries);
  }

  functionNames(): string[] {
    return [...this.loaders.keys()];
  }

  deploy(name: string, load: FunctionLoader): void {
    this.loaders.set(name, load);
    this.coldStart(name);
  }

  private coldStart(name: string): void {
    const load = this.loaders.get(name);
    if (!load) throw new FunctionNotFoundError(`function ${name} is not deployed`);
    const module = runInvocation({ runtime: this, wxContext: { ENV: this.envId } }, load);
    if (typeof module?.main !== 'function') throw new Error(`function ${name} does not export main`);
    this.modules.set(name, module);
  }

  /** Run one call of a function with the given caller context. */
  async invoke(name: string, event: unknown, context: WXContext): Promise<unknown> {
    return fromJson(await this.invokeJson(name, toJson(event), context));
  }

  /** The same call with the event as the JSON text that arrives over the network; answers the result's JSON text. */
  async invokeJson(name: string, eventText: string | undefined, context: WXContext): Promise<string | undefined> {
    const module = this.modules.get(name);
    if (!module) throw new FunctionNotFoundError(`function ${name} is not deployed`);
    const wxContext: WXContext = { ...context, ENV: this.envId };
    const result = await runInvocation({ runtime: this, wxContext }, () =>
      module.main(fromJson(eventText), { request_id: newRequestId(), function_name: name, environ: '' }),
    );
    return toJson(result);
  }

  /** Cloud-to-cloud call: the callee keeps the caller's identity and adds wx_function to SOURCE. */
  async callFunction(param: CallFunctionParam, caller: WXContext): Promise<CallFunctionResult> {
    const source = caller.SOURCE ? `${caller.SOURCE},wx_function` : 'wx_function';
    const result = await this.invoke(param.name, param.data ?? {}, { ...caller, SOURCE: source });
    return { result, requestID: newRequestId(), errMsg: 'cloud.callFunction:ok' };
  }

  async restart(): Promise<void> {
    await this.db.close();
    this.db = this.openDatabase();
    setCurrentRuntime(this);
    for (const name of this.loaders.keys()) this.coldStart(name);
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}
