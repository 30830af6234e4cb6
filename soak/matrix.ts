/**
 * (b) The fault matrix: every operation of the provider × every fault its sandbox injects (late
 * answers included) and every crash point of the function call that performs it. Each case runs
 * on a fresh shopper: the scenario, then the provider healed, every late operation landed, time
 * moved on and reconcile run until nothing is left. Then, against the provider's books: nothing
 * pending, nothing payable that we consider closed; a shopper who pays such an order anyway is
 * refunded; nothing charged, kept or refunded twice.
 */
import type { Fault } from '../sandbox/common/faults';
import { buildHttpEvent } from '../sandbox/cloud/http-trigger';
import type { RequestPaymentParams } from '../server/gateways/contract';
import type { Order } from '../server/orders/model';
import { checkMoney, type MoneyFindings } from './checks';
import type { CrashPoint } from './database';
import { ADMIN_TOKEN, type CallResult, type SoakStack } from './harness';
import { OPERATIONS, REFUSAL, type Operation } from './operations';
import { atLeast, type Row } from './report';
import type { TimeShift } from './time';

export interface FaultCase {
  name: string;
  fault?: Fault;
  crash?: CrashPoint;
  /** Notifications only: the notifier drops the payment notification. */
  drop?: boolean;
}

export interface MatrixOptions {
  adapterTimeoutMs: number;
  /** Crash points tried: before and after each of the first `maxWrites` writes of the call. */
  maxWrites: number;
  /** Which cases to run (by name, e.g. "caibao refund × lateAnswer"); all by default. */
  include?: (caseName: string) => boolean;
}

export interface CaseResult {
  name: string;
  findings: MoneyFindings;
  uncaught: string[];
}

const MINUTE = 60_000;

/** The switchboard's faults, timed against the adapter's deadline. */
export function switchboardFaults(provider: keyof typeof REFUSAL, timeoutMs: number): FaultCase[] {
  return [
    { name: 'timeout', fault: { kind: 'timeout' } },
    { name: 'reset', fault: { kind: 'reset' } },
    { name: 'http5xx', fault: { kind: 'http5xx' } },
    { name: 'malformed', fault: { kind: 'malformed' } },
    { name: 'refused', fault: { kind: 'status', payload: REFUSAL[provider] } },
    { name: 'slow', fault: { kind: 'delay', ms: Math.round(timeoutMs / 4) } },
    { name: 'lateAnswer', fault: { kind: 'lateAnswer', ms: Math.round(timeoutMs * 2.5) } },
    { name: 'lateLanding', fault: { kind: 'lateLanding', ms: Math.round(timeoutMs * 2.5) } },
  ];
}

export const caseName = (provider: string, op: Operation, fault: FaultCase) => `${provider} ${op.endpoint ?? 'notification'} × ${fault.name}`;

const crashName = (crash: CrashPoint) => `crash ${crash.when} write ${crash.write}`;

export async function runMatrix(stack: SoakStack, time: TimeShift, options: MatrixOptions): Promise<{ rows: Row[]; cases: CaseResult[] }> {
  const { provider } = stack;
  const include = options.include ?? (() => true);
  time.attach(stack.sandboxes.clock);
  const cases: CaseResult[] = [];
  let caseNo = 0;
  const run = async (op: Operation, fc: FaultCase): Promise<CaseResult & { crashed: boolean }> => {
    const name = caseName(provider, op, fc);
    const result = await runCase(stack, time, op, fc, `${provider}${++caseNo}`);
    cases.push({ name, findings: result.findings, uncaught: result.uncaught });
    return { name, ...result };
  };
  for (const op of OPERATIONS[provider]) {
    const faults = op.endpoint ? switchboardFaults(provider, options.adapterTimeoutMs) : [{ name: 'drop', drop: true }];
    for (const fc of faults) if (include(caseName(provider, op, fc))) await run(op, fc);
    for (let write = 1; write <= options.maxWrites; write++) {
      const before: FaultCase = { name: crashName({ when: 'before', write }), crash: { when: 'before', write } };
      const after: FaultCase = { name: crashName({ when: 'after', write }), crash: { when: 'after', write } };
      if (!include(caseName(provider, op, before)) && !include(caseName(provider, op, after))) continue;
      const b = await run(op, before);
      if (!b.crashed) break; // the call makes fewer writes: no later crash point exists
      if (include(caseName(provider, op, after))) await run(op, after);
    }
  }
  return { rows: matrixRows(provider, cases), cases };
}

const FINDINGS: Array<[keyof MoneyFindings, string]> = [
  ['pending', 'cases with orders pending after reconcile'],
  ['openButClosed', 'cases with provider orders open that we consider closed'],
  ['keptUnaccounted', 'cases charged twice / money kept unaccounted'],
  ['duplicatesUnrefunded', 'cases with duplicate payments not refunded'],
  ['refundedTwice', 'cases refunded twice'],
  ['accountedNotKept', 'cases recording money the provider does not hold'],
];

export function matrixRows(provider: string, cases: readonly CaseResult[]): Row[] {
  const rows: Row[] = [atLeast('faults', provider, 'cases run (operations × faults × crash points)', cases.length, 1)];
  for (const [key, label] of FINDINGS) {
    const failing = cases.filter((c) => c.findings[key].length > 0);
    rows.push({
      section: 'faults',
      provider,
      check: label,
      value: failing.length,
      bound: { max: 0 },
      ...(failing.length > 0 ? { examples: failing.slice(0, 5).map((c) => `${c.name}: ${c.findings[key][0]}`) } : {}),
    });
  }
  const uncaught = cases.filter((c) => c.uncaught.length > 0);
  rows.push({
    section: 'faults',
    provider,
    check: 'cases with a call that threw',
    value: uncaught.length,
    bound: { max: 0 },
    ...(uncaught.length > 0 ? { examples: uncaught.slice(0, 5).map((c) => `${c.name}: ${c.uncaught[0]}`) } : {}),
  });
  return rows;
}

async function runCase(stack: SoakStack, time: TimeShift, op: Operation, fc: FaultCase, tag: string): Promise<{ findings: MoneyFindings; uncaught: string[]; crashed: boolean }> {
  const sandbox = stack.sandboxes.providers[stack.provider];
  if (!sandbox) throw new Error(`no sandbox for ${stack.provider}`);
  const { faults, notifier } = sandbox;
  const cashier = stack.sandboxes.cashier;
  const openid = `o_${tag}`;
  const requestId = `case-${tag}-0001`;
  const refundNo = `R${tag}`;
  const requested = new Map<string, number>();
  const uncaught: string[] = [];
  let crashed = false;

  const guarded = async (call: () => Promise<CallResult>): Promise<CallResult | undefined> => {
    try {
      const result = await call();
      crashed ||= result.crashed;
      return result;
    } catch (err) {
      uncaught.push(err instanceof Error ? err.message : String(err));
      return undefined;
    }
  };
  const arm = () => {
    if (fc.fault && op.endpoint) faults.set(op.endpoint, fc.fault, { times: 1 });
  };
  const main = fc.crash;
  const create = (crash?: CrashPoint, action: 'create' | 'createQr' = 'create') =>
    guarded(() =>
      stack.call('pay', { action, items: [{ skuId: 'green-tea', quantity: 1 }], requestId, ...(action === 'createQr' ? { channel: 'wechat' } : {}) }, { openid, crash }),
    );
  const paramsOf = (r?: CallResult) => r?.answer?.data?.payment;
  const refund = (crash?: CrashPoint) => guarded(() => stack.callTrusted('refund', { adminToken: ADMIN_TOKEN, orderNo, refundNo, amount: requested.get(orderNo) }, { crash }));
  const paid = async (params: RequestPaymentParams | undefined) => {
    if (params) await cashier.pay(params);
    await notifier.delivered();
  };
  let orderNo = '';

  switch (op.scenario) {
    case 'create':
    case 'createQr': {
      const action = op.scenario;
      arm();
      const first = await create(main, action);
      const retry = await create(undefined, action); // the shopper taps again at once, same requestId
      await paid(paramsOf(first) ?? paramsOf(retry));
      break;
    }
    case 'query': {
      const created = await create();
      orderNo = created?.answer?.data?.orderNo ?? '';
      notifier.setFault({ kind: 'drop' }, { times: 1 });
      await paid(paramsOf(created));
      arm();
      await guarded(() => stack.call('pay', { action: 'status', orderNo }, { openid, crash: main }));
      break;
    }
    case 'close': {
      const created = await create();
      orderNo = created?.answer?.data?.orderNo ?? '';
      arm();
      await guarded(() => stack.call('orders', { action: 'cancel', orderNo }, { openid, crash: main }));
      await paid(paramsOf(created)); // the payment sheet was still open
      break;
    }
    case 'refund':
    case 'refundQuery': {
      const created = await create();
      orderNo = created?.answer?.data?.orderNo ?? '';
      await paid(paramsOf(created));
      await guarded(() => stack.call('pay', { action: 'status', orderNo }, { openid }));
      const amount = Math.max(1, Math.floor((created?.answer?.data?.amount ?? 2) / 2)); // partly: a second refund would still fit
      requested.set(orderNo, amount);
      if (op.scenario === 'refundQuery') await refund();
      arm();
      await refund(main);
      await refund(); // the merchant asks again, same refundNo
      break;
    }
    case 'notify': {
      if (fc.drop) notifier.setFault({ kind: 'drop' }, { times: 1 });
      else notifier.setFault({ kind: 'hold' }, { times: 1 });
      const heldBefore = notifier.held.length;
      const created = await create();
      await paid(paramsOf(created));
      const held = notifier.held.slice(heldBefore)[0];
      if (held) {
        const event = buildHttpEvent({ path: `/payNotify/${stack.provider}`, method: 'POST', headers: held.headers ?? {}, query: {}, body: Buffer.from(held.body) });
        await guarded(async () => {
          const ran = await stack.probe.run(() => stack.cloud.invoke('payNotify', event, { SOURCE: 'wx_http' }), main);
          return { crashed: ran.crashed, scope: ran.scope };
        });
        // The provider did not hear an acknowledgement: it delivers again.
        await fetch(held.url, { method: 'POST', headers: held.headers, body: held.body }).catch(() => undefined);
      }
      break;
    }
  }

  const settle = async () => {
    faults.clear();
    notifier.clearFaults();
    await faults.landed();
    await notifier.delivered();
    for (let round = 0; round < 3; round++) {
      time.advance(31 * MINUTE);
      for (let pass = 0; pass < 2; pass++) {
        await guarded(() => stack.callTrusted('reconcile', {}));
        await faults.landed();
        await notifier.delivered();
      }
    }
  };
  const ours = async () => stack.orders({ openid });
  const requestedById = (orders: Order[]) => new Map(orders.map((o) => [o._id, requested.get(o.orderNo) ?? [...requested.entries()].find(([no]) => o.previousOrderNos.includes(no))?.[1] ?? 0]));

  await settle();
  const first = await ours();
  const seen = checkMoney(first, stack.ledger.all(), requestedById(first));

  // A shopper who kept the sheet of an order we consider closed (or of a retired number) pays it.
  const numbers = new Map(first.flatMap((o) => [o.orderNo, ...o.previousOrderNos].map((no) => [no, o] as const)));
  let adversary = 0;
  for (const view of stack.ledger.all()) {
    const order = numbers.get(view.orderNo);
    if (!order || !view.open || !view.payParams) continue;
    if ((await cashier.pay(view.payParams as RequestPaymentParams)).errMsg === 'requestPayment:ok') adversary += 1;
  }
  if (adversary > 0) await settle();
  const last = await ours();
  const after = checkMoney(last, stack.ledger.all(), requestedById(last));
  return {
    findings: { ...after, openButClosed: seen.openButClosed },
    uncaught,
    crashed,
  };
}
