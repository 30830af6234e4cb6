/**
 * One Tencent Cloud Pay sandbox and one merchant notification endpoint on loopback, with the
 * adapter configured from the sandbox's credentials, for the contract tests.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { ParsedNotification } from '../../../server/gateways/contract';
import { TencentGateway, tencentModule } from '../../../server/gateways/tencent';
import { authenCode } from '../../../server/gateways/tencent/envelope';
import { Cashier, createClock, listen, type Listening, type SandboxClock } from '../../../sandbox/common';
import { createTencentSandbox, type TencentCredentials, type TencentSandbox } from '../../../sandbox/tencent';

export type MerchantReply =
  /** parseNotification, then the adapter's own acknowledge(ok). */
  | 'adapter'
  /** {"status":0} but without authen_info: the sandbox must not take it as an acknowledgement. */
  | 'unsigned-ok'
  /** {"status":0} signed with another key. */
  | 'wrong-key-ok'
  /** {"status":0} with the right HMAC in lowercase hex (documented: uppercase). */
  | 'lowercase-ok';

export interface Harness {
  clock: SandboxClock;
  sandbox: TencentSandbox;
  cashier: Cashier;
  server: Listening;
  merchant: Listening;
  gateway: TencentGateway;
  env: Record<string, string>;
  /** What the merchant endpoint made of each delivery. */
  received: Array<{ parsed?: ParsedNotification; error?: Error; replied: MerchantReply }>;
  /** How the merchant answers the next deliveries (a queue; 'adapter' once it is empty). */
  replies: MerchantReply[];
  gatewayWith(overrides: Record<string, string>): TencentGateway;
  close(): Promise<void>;
}

export async function startHarness(options: { credentials?: Partial<TencentCredentials> } = {}): Promise<Harness> {
  // 1000 sandbox ms per real ms: the 15 s notification retries take 15 ms.
  const clock = createClock({ speed: 1000 });
  const cashier = new Cashier({ clock });
  const sandbox = createTencentSandbox({ cashier, clock, ...(options.credentials ? { credentials: options.credentials } : {}) });
  const server = await listen(sandbox.app);
  const env = sandbox.adapterEnv(server.url);
  const gateway = tencentModule.fromEnv(env) as TencentGateway;
  const received: Harness['received'] = [];
  const replies: MerchantReply[] = [];

  const merchantApp: FastifyInstance = Fastify({ logger: false, forceCloseConnections: true });
  merchantApp.removeContentTypeParser('application/json');
  merchantApp.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  merchantApp.post('/cpay-notify', async (request, reply) => {
    const mode = replies.shift() ?? 'adapter';
    const notification = { headers: request.headers as Record<string, string>, body: request.body as Buffer };
    if (mode !== 'adapter') {
      received.push({ replied: mode });
      const content = JSON.stringify({ status: 0, description: 'OK' });
      const body =
        mode === 'unsigned-ok'
          ? JSON.stringify({ response_content: content })
          : mode === 'lowercase-ok'
            ? JSON.stringify({ response_content: content, authen_info: { a: { authen_type: 1, authen_code: authenCode(sandbox.credentials.authenKey, content).toLowerCase() } } })
            : tencentModule.fromEnv({ ...env, TENCENT_AUTHEN_KEY: 'some-other-key-000' }).acknowledge(true).body;
      return reply.code(200).type('application/json').send(body);
    }
    try {
      const parsed = gateway.parseNotification(notification);
      received.push({ parsed, replied: mode });
      const ack = gateway.acknowledge(true);
      return reply.code(ack.statusCode).headers(ack.headers).send(ack.body);
    } catch (err) {
      received.push({ error: err as Error, replied: mode });
      const ack = gateway.acknowledge(false);
      return reply.code(ack.statusCode).headers(ack.headers).send(ack.body);
    }
  });
  const merchant = await listen(merchantApp);
  sandbox.setCallbackUrl(`${merchant.url}/cpay-notify`);

  return {
    clock,
    sandbox,
    cashier,
    server,
    merchant,
    gateway,
    env,
    received,
    replies,
    gatewayWith: (overrides) => tencentModule.fromEnv({ ...env, ...overrides }) as TencentGateway,
    async close() {
      await server.close();
      await merchant.close();
      clock.cancelAll();
    },
  };
}

/** Polls until `check` passes (bounded), for things that happen in the background. */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

let sequence = 0;
/** A fresh order number with the sandbox's prefix. */
export function orderNo(prefix: string, tag = 'T'): string {
  sequence += 1;
  return `${prefix}${tag}${Date.now().toString(36)}${sequence.toString().padStart(4, '0')}`.slice(0, 32);
}
