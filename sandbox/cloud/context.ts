/**
 * Per-invocation context of the local cloud. Every function call runs inside an AsyncLocalStorage
 * scope holding its own WX context, so concurrent calls never see each other's OPENID.
 *
 * The storage lives on `globalThis` under a registry symbol: function code may be loaded in a
 * separate module registry (a cold start in tests uses `jest.isolateModules`), and its copy of the
 * SDK stand-in must still find the scope the local cloud opened.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Database } from './database';
import type { SubscribeMessages } from './openapi';

export interface WXContext {
  OPENID?: string;
  APPID?: string;
  UNIONID?: string;
  ENV?: string;
  /** wx_client (mini program / local shop), wx_http (HTTP trigger), wx_trigger (timer), wx_function (callFunction). */
  SOURCE?: string;
  CLIENTIP?: string;
}

export interface CallFunctionParam {
  name: string;
  data?: Record<string, unknown>;
}

export interface CallFunctionResult {
  result: unknown;
  requestID: string;
  errMsg: string;
}

/** What the SDK stand-in needs from the local cloud that is running the code. */
export interface CloudRuntime {
  readonly envId: string;
  database(): Database;
  /** What `cloud.openapi.subscribeMessage` sends through (and records). */
  readonly subscribeMessages: SubscribeMessages;
  callFunction(param: CallFunctionParam, caller: WXContext): Promise<CallFunctionResult>;
}

export interface Invocation {
  runtime: CloudRuntime;
  wxContext: WXContext;
}

interface Shared {
  storage: AsyncLocalStorage<Invocation>;
  /** The most recently started local cloud, for code running outside any invocation (cold start). */
  current?: CloudRuntime;
}

const KEY = Symbol.for('wechat-mini-pay.local-cloud');
const holder = globalThis as unknown as Record<symbol, Shared | undefined>;
const shared: Shared = (holder[KEY] ??= { storage: new AsyncLocalStorage<Invocation>() });

export function runInvocation<T>(invocation: Invocation, fn: () => T): T {
  return shared.storage.run(invocation, fn);
}

export function currentInvocation(): Invocation | undefined {
  return shared.storage.getStore();
}

export function setCurrentRuntime(runtime: CloudRuntime | undefined): void {
  shared.current = runtime;
}

export function currentRuntime(): CloudRuntime {
  const runtime = currentInvocation()?.runtime ?? shared.current;
  if (!runtime) throw new Error('no local cloud is running: start one with new LocalCloud(...)');
  return runtime;
}
