/**
 * The local shop's control panel for people (`npm run sandbox -- <command>`, sandbox/drive.ts):
 * what the tests do to the provider sandbox in code — re-send an order's notification, send a
 * duplicate or an out-of-order one, arm a fault on a provider endpoint and clear it — over HTTP on
 * the running shop. Loopback only, like everything in the local shop.
 *
 *   GET  /sandbox/control/notifications?orderNo=   deliveries of that order's notifications
 *   POST /sandbox/control/resend {orderNo, mode: 'again'|'duplicate'|'out-of-order'}
 *   POST /sandbox/control/notify-fault {kind: 'drop'|'duplicate'|'out-of-order', times?, holdMs?}
 *   POST /sandbox/control/fault {endpoint, kind, ms?, status?, payload?, httpStatus?, times?}
 *   POST /sandbox/control/clear {endpoint?}                 faults of the endpoint (all when absent) and notification faults
 */
import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import type { ProviderSandbox } from '..';
import type { DeliveryRecord } from '../common/notifier';
import { check, issuePath, type Schema } from '../../server/platform/validation';

const resendSchema = v.object({ orderNo: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/)), mode: v.optional(v.picklist(['again', 'duplicate', 'out-of-order']), 'again') });
const notifyFaultSchema = v.object({ kind: v.picklist(['drop', 'duplicate', 'out-of-order']), times: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))), holdMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))) });
const faultSchema = v.object({
  endpoint: v.pipe(v.string(), v.minLength(1)),
  kind: v.picklist(['delay', 'timeout', 'http5xx', 'reset', 'malformed', 'status']),
  ms: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 15_000),
  status: v.optional(v.pipe(v.number(), v.integer(), v.minValue(500), v.maxValue(599))),
  /** For `status`: the provider's own error answer, in its shape (e.g. QuickPay {code, msg}). */
  payload: v.optional(v.unknown()),
  httpStatus: v.optional(v.pipe(v.number(), v.integer(), v.minValue(100), v.maxValue(599))),
  times: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
});
const clearSchema = v.object({ endpoint: v.optional(v.pipe(v.string(), v.minLength(1))) });

/** What a notification body is sent as: the providers send JSON or a form, and say so. */
function contentTypeOf(body: string): string {
  try {
    JSON.parse(body);
    return 'application/json; charset=utf-8';
  } catch {
    return 'application/x-www-form-urlencoded; charset=UTF-8';
  }
}

/** One entry per notification of the order (its first attempt), oldest first. */
function notificationsOf(deliveries: readonly DeliveryRecord[], orderNo: string): DeliveryRecord[] {
  const firsts = new Map<number, DeliveryRecord>();
  for (const d of deliveries) if (d.body.includes(orderNo) && !firsts.has(d.notificationId)) firsts.set(d.notificationId, d);
  return [...firsts.values()].sort((a, b) => a.notificationId - b.notificationId);
}

function parse<T>(schema: Schema<T>, body: unknown): T | { error: string } {
  const result = check(schema, body ?? {});
  return result.success ? result.output : { error: result.issues.map((issue) => `${issuePath(issue) || '(body)'}: ${issue.message}`).join('; ') };
}

const isError = (value: unknown): value is { error: string } => typeof value === 'object' && value !== null && 'error' in value;

function jsonBody(body: unknown): unknown {
  if (!Buffer.isBuffer(body) || body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

export function registerSandboxControl(app: FastifyInstance, sandbox: ProviderSandbox): void {
  app.get<{ Querystring: { orderNo?: string } }>('/sandbox/control/notifications', async (request) => {
    const orderNo = request.query.orderNo ?? '';
    const records = orderNo ? sandbox.notifier.deliveries.filter((d) => d.body.includes(orderNo)) : sandbox.notifier.deliveries;
    return { deliveries: records.map(({ notificationId, attempt, at, status, acknowledged, fault, error }) => ({ notificationId, attempt, at, status, acknowledged, fault, error })) };
  });

  app.post('/sandbox/control/resend', async (request, reply) => {
    const input = parse(resendSchema, jsonBody(request.body));
    if (isError(input)) return reply.code(400).send(input);
    const sent = notificationsOf(sandbox.notifier.deliveries, input.orderNo);
    // Out of order: the order's first notification again, after the later ones (e.g. "paid" after a refund).
    const chosen = input.mode === 'out-of-order' ? sent[0] : sent[sent.length - 1];
    if (!chosen) return reply.code(404).send({ error: `the sandbox sent no notification for ${input.orderNo}` });
    if (input.mode === 'duplicate') sandbox.notifier.setFault({ kind: 'duplicate' }, { times: 1 });
    const id = sandbox.notifier.send({ url: chosen.url, headers: { 'content-type': contentTypeOf(chosen.body) }, body: chosen.body });
    await sandbox.notifier.idle();
    const attempts = sandbox.notifier.attemptsOf(id);
    return { notificationId: id, resent: chosen.notificationId, mode: input.mode, acknowledged: attempts.some((a) => a.acknowledged), attempts: attempts.length };
  });

  app.post('/sandbox/control/notify-fault', async (request, reply) => {
    const input = parse(notifyFaultSchema, jsonBody(request.body));
    if (isError(input)) return reply.code(400).send(input);
    const fault = input.kind === 'out-of-order' ? { kind: 'outOfOrder' as const, ...(input.holdMs !== undefined ? { holdMs: input.holdMs } : {}) } : { kind: input.kind };
    sandbox.notifier.setFault(fault, input.times !== undefined ? { times: input.times } : {});
    return { armed: fault, times: input.times ?? 'until cleared' };
  });

  app.post('/sandbox/control/fault', async (request, reply) => {
    const input = parse(faultSchema, jsonBody(request.body));
    if (isError(input)) return reply.code(400).send(input);
    const fault =
      input.kind === 'delay'
        ? { kind: 'delay' as const, ms: input.ms }
        : input.kind === 'http5xx'
          ? { kind: 'http5xx' as const, ...(input.status ? { status: input.status } : {}) }
          : input.kind === 'status'
            ? { kind: 'status' as const, payload: input.payload ?? {}, ...(input.httpStatus ? { httpStatus: input.httpStatus } : {}) }
            : { kind: input.kind };
    sandbox.faults.set(input.endpoint, fault, input.times !== undefined ? { times: input.times } : {});
    return { endpoint: input.endpoint, armed: fault, times: input.times ?? 'until cleared' };
  });

  app.post('/sandbox/control/clear', async (request, reply) => {
    const input = parse(clearSchema, jsonBody(request.body));
    if (isError(input)) return reply.code(400).send(input);
    sandbox.faults.clear(input.endpoint);
    sandbox.notifier.clearFaults();
    return { cleared: input.endpoint ?? 'all' };
  });
}
