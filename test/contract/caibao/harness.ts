/**
 * Adapter vs sandbox over real HTTP on 127.0.0.1: a Caibao sandbox (with the shared cashier), a
 * merchant notification endpoint that hands the raw bytes to the adapter's parseNotification and
 * replies with its acknowledgement, and the adapter configured from the sandbox's credentials.
 */
import Fastify from 'fastify';
import { Cashier, createClock, listen, type Listening } from '../../../sandbox/common';
import { createCaibaoSandbox, type CaibaoSandbox } from '../../../sandbox/caibao';
import { caibaoModule } from '../../../server/gateways/caibao';
import type { ParsedNotification, PaymentGateway } from '../../../server/gateways/contract';
import { AppError } from '../../../server/platform/errors';
import { setLogSink } from '../../../server/platform/log';

export interface Received {
  contentType: string;
  body: string;
  parsed?: ParsedNotification;
  errorCode?: string;
}

export interface Harness {
  sandbox: CaibaoSandbox;
  cashier: Cashier;
  gateway: PaymentGateway;
  sandboxUrl: string;
  notifyUrl: string;
  env: Record<string, string>;
  received: Received[];
  /** Every log line written while the harness runs (to prove that no secret reaches one). */
  logs: string[];
  /** Replies the merchant gives the next notifications, in order (default: the adapter's acknowledgement). */
  replies: string[];
  /** Resolves with the notifications received for `orderNo` once there are at least `count`. */
  receivedFor(orderNo: string, count: number): Promise<Received[]>;
  close(): Promise<void>;
}

export async function startHarness(envOverrides: Record<string, string> = {}): Promise<Harness> {
  const logs: string[] = [];
  setLogSink((line) => logs.push(line), 'debug');
  const clock = createClock({ speed: 1000 });
  const cashier = new Cashier({ clock });
  const sandbox = createCaibaoSandbox({ cashier, clock });
  const sandboxServer = await listen(sandbox.app);

  const received: Received[] = [];
  const replies: string[] = [];
  const waiters: Array<() => boolean> = [];
  const matching = (no: string) => received.filter((r) => r.body.includes(no));
  const merchant = Fastify({ logger: false, forceCloseConnections: true });
  merchant.removeAllContentTypeParsers();
  merchant.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  // Set once the merchant endpoint's URL (part of the adapter's settings) is known.
  const current: { gateway?: PaymentGateway } = {};
  merchant.post('/notify', async (request, reply) => {
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const record: Received = { contentType: String(request.headers['content-type'] ?? ''), body: body.toString('utf8') };
    let ok = false;
    try {
      record.parsed = current.gateway?.parseNotification({ headers: request.headers as Record<string, string>, body });
      ok = true;
    } catch (err) {
      record.errorCode = err instanceof AppError ? err.code : 'THROWN';
    }
    received.push(record);
    for (const waiter of waiters.splice(0)) if (!waiter()) waiters.push(waiter);
    const scripted = replies.shift();
    const answer = current.gateway?.acknowledge(ok);
    return reply
      .code(answer?.statusCode ?? 200)
      .headers(answer?.headers ?? {})
      .send(scripted ?? answer?.body ?? '');
  });
  const merchantServer: Listening = await listen(merchant);
  const notifyUrl = `${merchantServer.url}/notify`;
  const env = { ...sandbox.adapterEnv(sandboxServer.url, notifyUrl), CAIBAO_TIMEOUT_MS: '2000', ...envOverrides };
  const gateway = caibaoModule.fromEnv(env);
  current.gateway = gateway;

  return {
    sandbox,
    cashier,
    gateway,
    sandboxUrl: sandboxServer.url,
    notifyUrl,
    env,
    received,
    logs,
    replies,
    receivedFor: (no, count) =>
      new Promise<Received[]>((resolve) => {
        const check = () => {
          const found = matching(no);
          if (found.length < count) return false;
          resolve(found);
          return true;
        };
        if (!check()) waiters.push(check);
      }),
    close: async () => {
      await sandboxServer.close();
      await merchantServer.close();
      clock.cancelAll();
    },
  };
}

let sequence = 0;
/** A fresh order number per test (≤ 32 characters). */
export function orderNo(): string {
  sequence += 1;
  return `CBT${Date.now()}${String(sequence).padStart(4, '0')}`;
}

/** POSTs raw form fields to the sandbox and returns its JSON answer. */
export async function postForm(url: string, fields: Record<string, string>): Promise<{ result: { success: boolean; errorCode: string; errorMsg: string }; data?: Record<string, unknown> }> {
  const response = await fetch(`${url}/gatewayOpen.htm`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return (await response.json()) as never;
}

/** Polls `condition` every few milliseconds until it holds (for work the sandbox finishes in the background). */
export async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export { rejectedGatewayError as errorOf } from '../../support/gateway-errors';
