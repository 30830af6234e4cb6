/**
 * A QuickPay sandbox and a merchant notify endpoint on 127.0.0.1 (ephemeral ports), and the real
 * adapter configured from the environment the sandbox describes.
 */
import type { FastifyInstance } from 'fastify';
import { Cashier, createClock, createSandboxApp, listen, type Listening } from '../../../sandbox/common';
import { createQuickpaySandbox, type QuickpaySandbox } from '../../../sandbox/quickpay';
import type { IncomingNotification, ParsedNotification, PaymentGateway, PaymentOrder, Payer } from '../../../server/gateways/contract';
import { quickpayModule } from '../../../server/gateways/quickpay';
import { setLogSink } from '../../../server/platform/log';
import { toFen } from '../../../server/platform/money';

export interface NotifyCall {
  body: string;
  parsed?: ParsedNotification;
  error?: string;
}

export interface Harness {
  sandbox: QuickpaySandbox;
  cashier: Cashier;
  url: string;
  notifyUrl: string;
  gateway: PaymentGateway;
  /** Builds another gateway on the same sandbox with some settings changed. */
  gatewayWith(env: Record<string, string>): PaymentGateway;
  env: Record<string, string>;
  /** What the merchant endpoint received, in order. */
  notifications: NotifyCall[];
  /** Replies the merchant endpoint gives before acknowledging normally (`false` = ask for a retry). */
  merchantReplies: boolean[];
  close(): Promise<void>;
}

export const payer: Payer = { appId: 'wx5a1b2c3d4e5f6a7b', openId: 'oSandboxShopper0001' };

let counter = 0;
export function newOrder(overrides: Partial<PaymentOrder> = {}): PaymentOrder {
  counter += 1;
  return {
    orderNo: `T${Date.now()}${String(counter).padStart(4, '0')}`,
    amount: toFen(2500),
    description: 'Demo Shop - Green tea x2',
    lines: [{ skuId: 'tea', name: 'Green tea', unitPrice: toFen(1250), quantity: 2 }],
    ...overrides,
  };
}

export async function startHarness(options: { clockSpeed?: number } = {}): Promise<Harness> {
  // Quiet by default; the secrets test installs its own sink to read every line.
  setLogSink(() => undefined);
  const clock = createClock({ speed: options.clockSpeed ?? 1000 });
  const cashier = new Cashier({ clock });
  const sandbox = createQuickpaySandbox({ cashier, clock });
  const notifications: NotifyCall[] = [];
  const merchantReplies: boolean[] = [];
  const configured: { gateway?: PaymentGateway } = {};
  const current = (): PaymentGateway => {
    if (!configured.gateway) throw new Error('gateway not configured yet');
    return configured.gateway;
  };

  const merchant: FastifyInstance = createSandboxApp();
  merchant.removeAllContentTypeParsers();
  merchant.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  merchant.post('/payNotify', async (request, reply) => {
    const incoming: IncomingNotification = { headers: request.headers as Record<string, string>, body: request.body as Buffer };
    const call: NotifyCall = { body: incoming.body.toString('utf8') };
    notifications.push(call);
    let ok = false;
    try {
      call.parsed = current().parseNotification(incoming);
      ok = merchantReplies.length ? (merchantReplies.shift() ?? true) : true;
    } catch (err) {
      call.error = err instanceof Error ? err.message : String(err);
    }
    const answer = current().acknowledge(ok);
    return reply.code(answer.statusCode).headers(answer.headers).send(answer.body);
  });

  const servers: Listening[] = [];
  const sandboxServer = await listen(sandbox.app);
  servers.push(sandboxServer);
  const merchantServer = await listen(merchant);
  servers.push(merchantServer);
  const notifyUrl = `${merchantServer.url}/payNotify`;
  const env = { ...sandbox.adapterEnv(sandboxServer.url, notifyUrl), QUICKPAY_TIMEOUT_MS: '2000' };
  const gateway = quickpayModule.fromEnv(env);
  configured.gateway = gateway;
  return {
    sandbox,
    cashier,
    url: sandboxServer.url,
    notifyUrl,
    gateway,
    env,
    gatewayWith: (patch) => quickpayModule.fromEnv({ ...env, ...patch }),
    notifications,
    merchantReplies,
    close: async () => {
      sandbox.notifier.close();
      clock.cancelAll();
      await Promise.all(servers.map((s) => s.close()));
    },
  };
}

/** Resolves with what `promise` rejected with (fails the test if it resolved). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

/** A raw POST to the sandbox, as the adapter would not send it. */
export async function rawPost(h: Harness, route: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${h.url}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [h.sandbox.credentials.authHeader]: h.sandbox.credentials.authValue, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: { code?: string; msg?: string; data?: Record<string, unknown> } = {};
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    // left empty: the test looks at the status
  }
  return { status: res.status, json, text };
}
