/**
 * The local cloud's stand-in for `wx-server-sdk`. Function code imports `wx-server-sdk` unchanged;
 * jest (functions project, `moduleNameMapper`) and local runs (`register.ts`) resolve that name to
 * this file. Same exports, same shapes: init, DYNAMIC_CURRENT_ENV, getWXContext, database,
 * callFunction, openapi (subscribeMessage.send), logger.
 */
import { currentInvocation, currentRuntime, type CallFunctionParam, type CallFunctionResult, type WXContext } from './context';
import type { Database } from './database';
import type { SendParams } from './openapi';

export const DYNAMIC_CURRENT_ENV: unique symbol = Symbol.for('DYNAMIC_CURRENT_ENV');

export function init(config: { env?: string | symbol | Record<string, unknown>; traceUser?: boolean } = {}): void {
  const env = config.env;
  if (env !== undefined && typeof env !== 'string' && env !== DYNAMIC_CURRENT_ENV && typeof env !== 'object') {
    throw new TypeError('init: env must be an env id, DYNAMIC_CURRENT_ENV or {database, functions}');
  }
}

/** The real SDK reads WX_* environment variables; outside an invocation we do the same. */
function contextFromEnv(env: NodeJS.ProcessEnv): WXContext {
  const out: WXContext & Record<string, string | number> = {};
  for (const name of (env.WX_CONTEXT_KEYS ?? '').split(',').filter(Boolean)) {
    const value = env[name];
    if (value === undefined) continue;
    out[name.replace(/^WX_/, '')] = /^-?\d+$/.test(value) ? Number(value) : value;
  }
  const envId = env.TCB_ENV ?? env.SCF_NAMESPACE;
  if (envId) out.ENV = envId;
  if (env.TCB_SOURCE) out.SOURCE = env.TCB_SOURCE;
  return out;
}

export function getWXContext(): WXContext {
  const invocation = currentInvocation();
  return invocation ? { ...invocation.wxContext } : contextFromEnv(process.env);
}

export function database(): Database {
  return currentRuntime().database();
}

export function callFunction(param: CallFunctionParam): Promise<CallFunctionResult> {
  const caller = currentInvocation()?.wxContext ?? {};
  return currentRuntime().callFunction(param, caller);
}

/** 云调用: only what the shop uses, `subscribeMessage.send` (see openapi.ts). */
export const openapi = {
  subscribeMessage: {
    send: (params: SendParams) => currentRuntime().subscribeMessages.send(params),
  },
};

export function logger(): { log(o: object): void; info(o: object): void; warn(o: object): void; error(o: object): void } {
  const write = (level: string) => (object: object) => process.stdout.write(`${JSON.stringify({ level, ...object })}\n`);
  return { log: write('log'), info: write('info'), warn: write('warn'), error: write('error') };
}

/** `import cloud from 'wx-server-sdk'` gets this object, `require('wx-server-sdk').init` the named exports. */
const cloud = { init, DYNAMIC_CURRENT_ENV, getWXContext, database, callFunction, openapi, logger };
export default cloud;
