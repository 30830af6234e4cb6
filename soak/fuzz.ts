/**
 * (c) Property-based fuzzing with fast-check: every function's event and every provider's
 * notification body, built from hostile values (wrong types, huge / negative / fractional numbers,
 * long strings, `__proto__` keys, invalid UTF-8, oversized bodies). Must hold for every case: the
 * call does not throw, never answers INTERNAL (or HTTP 5xx), and no existing order changes.
 */
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { PAY_ACTIONS } from '../api/actions';
import { buildHttpEvent } from '../sandbox/cloud/http-trigger';
import type { FunctionName, SoakStack } from './harness';
import { atLeast, zero, type Row } from './report';

/** A JSON object with an own `__proto__` key, as JSON.parse makes it. */
const protoKey = fc.constantFrom('{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}').map((t) => JSON.parse(t) as unknown);

export const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(0, -1, 0.5, -0.01, 1e20, -1e20, Number.MAX_SAFE_INTEGER + 2, 2 ** 53, 1e308, null, true, false, '', ' ', '0', '1e3', 'NaN', '-1'),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  protoKey,
);

const LONG_STRINGS = ['x'.repeat(20_000), '中'.repeat(5_000), '\u0000'.repeat(1_000)];

export const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    { arbitrary: hostileScalar, weight: 8 },
    { arbitrary: fc.constantFrom(...LONG_STRINGS), weight: 1 },
    { arbitrary: fc.array(tie('value'), { maxLength: 3 }), weight: 1 },
    { arbitrary: fc.dictionary(fc.string({ maxLength: 12 }), tie('value'), { maxKeys: 3 }), weight: 1 },
  ),
})).value;

/** An event shaped like the function's own, with any field hostile, extra or missing. */
function eventFor(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  const shaped = fc.record(Object.fromEntries(Object.entries(fields).map(([k, a]) => [k, fc.oneof(a, hostileValue)])), { requiredKeys: [] });
  return fc.oneof(
    shaped,
    fc.tuple(shaped, protoKey).map(([a, b]) => Object.assign(Object.create(null) as object, b, a)),
    hostileValue,
  );
}

const items = fc.array(fc.record({ skuId: fc.oneof(fc.constantFrom('green-tea', 'oolong', 'teapot', 'tea-cups', 'nope'), hostileValue), quantity: hostileValue }), { maxLength: 3 });

/** Per function: the events thrown at it. A create that is fully valid may make an order for the fuzzing shopper: allowed. */
export function eventArbitraries(knownOrderNos: readonly string[]): Record<FunctionName, fc.Arbitrary<unknown>> {
  const orderNo = fc.oneof(fc.constantFrom(...knownOrderNos, 'MP000'), hostileValue);
  return {
    pay: eventFor({ action: fc.constantFrom(...PAY_ACTIONS, 'refund', '__proto__'), items, requestId: fc.string({ maxLength: 70 }), orderNo, channel: fc.constantFrom('wechat', 'alipay', 'x') }),
    orders: eventFor({ action: fc.constantFrom('list', 'get', 'cancel', 'delete'), orderNo, offset: hostileValue, limit: hostileValue }),
    catalog: eventFor({ action: hostileValue }),
    refund: eventFor({ adminToken: fc.string({ maxLength: 64 }), orderNo, refundNo: fc.string({ maxLength: 40 }), amount: hostileValue, reason: hostileValue }),
    reconcile: eventFor({ action: hostileValue }),
    merchant: eventFor({
      action: fc.constantFrom('whoami', 'search', 'history', 'refund', 'summary', 'reconcile', 'sync', 'drop'),
      orderNo,
      refundNo: fc.string({ maxLength: 40 }),
      amount: hostileValue,
      reason: hostileValue,
      day: fc.oneof(fc.constantFrom('2026-12-02', '2026-02-30'), hostileValue),
      status: hostileValue,
    }),
    payNotify: eventFor({ path: fc.constantFrom('/payNotify', '/payNotify/quickpay', '/payNotify/caibao'), httpMethod: fc.constantFrom('POST', 'GET'), headers: hostileValue, body: hostileValue, isBase64Encoded: hostileValue }),
  };
}

const OVERSIZED = Buffer.alloc(2 * 1024 * 1024, 0x7b);

/** Mutations of a real notification body: fields set to hostile values, bytes garbled, size blown up. */
export function notificationBodies(sample: string): fc.Arbitrary<Buffer> {
  let parsed: Record<string, unknown> | undefined;
  try {
    const json = JSON.parse(sample) as unknown;
    if (json && typeof json === 'object' && !Array.isArray(json)) parsed = json as Record<string, unknown>;
  } catch {
    parsed = Object.fromEntries(new URLSearchParams(sample));
  }
  const keys = Object.keys(parsed ?? { body: 1 });
  const asForm = !sample.trimStart().startsWith('{');
  const encode = (o: Record<string, unknown>) =>
    asForm ? new URLSearchParams(Object.entries(o).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v) ?? ''])).toString() : JSON.stringify(o);
  return fc.oneof(
    fc.tuple(fc.subarray(keys), fc.array(hostileValue, { minLength: keys.length, maxLength: keys.length })).map(([chosen, values]) => {
      const copy: Record<string, unknown> = { ...parsed };
      chosen.forEach((k, i) => (copy[k] = values[i]));
      return Buffer.from(encode(copy));
    }),
    fc.uint8Array({ maxLength: 512 }).map((bytes) => Buffer.from(bytes)),
    fc.tuple(fc.nat({ max: Math.max(0, sample.length - 1) }), fc.uint8Array({ minLength: 1, maxLength: 8 })).map(([at, bytes]) => {
      const raw = Buffer.from(sample);
      return Buffer.concat([raw.subarray(0, at), Buffer.from([0xc3, 0x28, ...bytes]), raw.subarray(at)]);
    }),
    fc.constantFrom(OVERSIZED, Buffer.from(`${sample}${' '.repeat(1024 * 1024)}`), Buffer.from(JSON.stringify({ __proto__: 1, ...parsed }))),
    protoKey.map((o) => Buffer.from(JSON.stringify({ ...parsed, ...(o as object) }))),
  );
}

export interface FuzzOptions {
  casesPerFunction: number;
  seed?: number;
  /** A real notification of this provider (url, headers, body) to mutate. */
  sample: { url: string; headers?: Record<string, string>; body: string };
  knownOrderNos: readonly string[];
}

const FUZZ_SHOPPER = 'o_fuzz_shopper';

/**
 * Every order but its count of repeated notification deliveries: a body that still reads as a
 * repeat (a hint naming a paid order, a signed notification unchanged) is recorded there, as any
 * repeat is (server/orders/events.ts); nothing else about an order may change.
 */
async function snapshot(stack: SoakStack): Promise<Map<string, string>> {
  const orders = await stack.orders();
  return new Map(
    orders.filter((o) => o.openid !== FUZZ_SHOPPER).map(({ notificationRepeats: _repeats, ...o }) => [o._id, createHash('sha256').update(JSON.stringify(o)).digest('hex')]),
  );
}

export async function runFuzz(stack: SoakStack, options: FuzzOptions): Promise<Row[]> {
  const { provider } = stack;
  const before = await snapshot(stack);
  const uncaught: string[] = [];
  const internal: string[] = [];
  const counts = new Map<string, number>();
  const seed = options.seed ?? 42;
  // The provider's own "not acknowledged" reply (QuickPay's is HTTP 500 FAIL) is the right answer to garbage, not an error.
  const refusal = JSON.stringify(await stack.cloud.invoke('payNotify', buildHttpEvent({ path: '/payNotify', method: 'POST', headers: {}, query: {}, body: Buffer.from('x') }), { SOURCE: 'wx_http' }));
  const logsBefore = stack.logs.length;
  const judge = (label: string, answer: unknown) => {
    counts.set(label, (counts.get(label) ?? 0) + 1);
    const a = answer as { ok?: boolean; error?: { code?: string }; statusCode?: number } | undefined;
    const serverError = typeof a?.statusCode === 'number' && a.statusCode >= 500 && JSON.stringify(answer) !== refusal;
    if (a?.error?.code === 'INTERNAL' || serverError) internal.push(`${label}: ${JSON.stringify(answer).slice(0, 160)}`);
  };
  const invoke = async (label: string, name: FunctionName, event: unknown, context: Record<string, string>) => {
    try {
      judge(label, await stack.cloud.invoke(name, event, context));
    } catch (err) {
      uncaught.push(`${label}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const shopper = { OPENID: FUZZ_SHOPPER, APPID: 'wx0123456789abcdef', SOURCE: 'wx_client' };
  const arbitraries = eventArbitraries(options.knownOrderNos);
  for (const name of Object.keys(arbitraries) as FunctionName[]) {
    const context = name === 'refund' || name === 'reconcile' || name === 'payNotify' ? { SOURCE: 'wx_function' } : shopper;
    await fc.assert(
      fc.asyncProperty(arbitraries[name], async (event) => {
        await invoke(name, name, event, context);
      }),
      { numRuns: options.casesPerFunction, seed },
    );
  }
  const path = new URL(options.sample.url).pathname.replace(/^\/http/, '');
  await fc.assert(
    fc.asyncProperty(notificationBodies(options.sample.body), fc.boolean(), async (body, keepHeaders) => {
      const event = buildHttpEvent({ path, method: 'POST', headers: keepHeaders ? (options.sample.headers ?? {}) : { 'content-type': 'text/plain' }, query: {}, body });
      await invoke('notification body', 'payNotify', event, { SOURCE: 'wx_http' });
    }),
    { numRuns: options.casesPerFunction, seed },
  );
  // An error the functions did not expect is logged as such even when the caller gets a clean refusal.
  for (const line of stack.logs.slice(logsBefore)) if (/unexpected error|"code":"INTERNAL"/.test(line)) internal.push(`log: ${line.slice(0, 160)}`);
  const after = await snapshot(stack);
  const changed = [...before].filter(([id, hash]) => after.get(id) !== hash).map(([id]) => id);
  const fewest = Math.min(...counts.values());
  return [
    atLeast('fuzz', provider, 'cases per function (fewest)', fewest, options.casesPerFunction),
    zero('fuzz', provider, 'uncaught', uncaught.length, uncaught),
    zero('fuzz', provider, 'INTERNAL or HTTP 5xx answers', internal.length, internal),
    zero('fuzz', provider, 'existing orders changed', changed.length, changed),
  ];
}
