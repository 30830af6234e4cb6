/**
 * One harness for every registered provider: its sandbox (from the sandbox registry) on loopback,
 * a merchant notify endpoint that answers with the adapter's own acknowledgement, and the adapter
 * configured from the environment the sandbox describes (from the adapter registry). Nothing here
 * names a provider.
 */
import type { FastifyInstance } from 'fastify';
import { startSandboxes, sandboxEntryOf, type RunningSandboxes, type ProviderSandbox, type SandboxEntry } from '../../../sandbox';
import { createSandboxApp, listen, type Listening } from '../../../sandbox/common';
import type { IncomingNotification, ParsedNotification, PaymentGateway, PaymentOrder, Payer, ProviderName } from '../../../server/gateways/contract';
import { providerModule, settingFor, type ProviderModule } from '../../../server/gateways/registry';
import { setLogSink } from '../../../server/platform/log';
import { toFen } from '../../../server/platform/money';

export interface Received {
  body: string;
  parsed?: ParsedNotification;
  error?: unknown;
}

export interface Conformance {
  name: ProviderName;
  module: ProviderModule;
  entry: SandboxEntry;
  sandboxes: RunningSandboxes;
  sandbox: ProviderSandbox;
  gateway: PaymentGateway;
  /** The same adapter with a 300 ms deadline (time-out scenarios). */
  fast: PaymentGateway;
  /** The adapter pointed at a port where nothing listens. */
  unreachable: PaymentGateway;
  received: Received[];
  /** The merchant's next replies (`false`: ask for a retry) before it acknowledges normally. */
  merchantReplies: boolean[];
  newOrder(amount?: number): PaymentOrder;
  close(): Promise<void>;
}

export const payer: Payer = { appId: 'wx5a1b2c3d4e5f6a7b', openId: 'oConformanceShopper01' };

let serial = 0;

export async function startConformance(name: ProviderName): Promise<Conformance> {
  setLogSink(() => undefined);
  const module = providerModule(name);
  const entry = sandboxEntryOf(name);
  const sandboxes = await startSandboxes({ ports: 'ephemeral', clockSpeed: 1000, only: [name] });
  const sandbox = sandboxes.providers[name] as ProviderSandbox | undefined;
  if (!sandbox) throw new Error(`no sandbox for ${name}`);
  const received: Received[] = [];
  const merchantReplies: boolean[] = [];
  const current: { gateway?: PaymentGateway } = {};

  const merchant: FastifyInstance = createSandboxApp();
  merchant.removeAllContentTypeParsers();
  merchant.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  merchant.post('/payNotify', async (request, reply) => {
    const gateway = current.gateway;
    if (!gateway) throw new Error('gateway not configured yet');
    const incoming: IncomingNotification = { headers: request.headers as Record<string, string>, body: request.body as Buffer };
    const record: Received = { body: incoming.body.toString('utf8') };
    received.push(record);
    let ok = false;
    try {
      record.parsed = gateway.parseNotification(incoming);
      ok = merchantReplies.length ? (merchantReplies.shift() ?? true) : true;
    } catch (err) {
      record.error = err;
    }
    const answer = gateway.acknowledge(ok);
    return reply.code(answer.statusCode).headers(answer.headers).send(answer.body);
  });
  const merchantServer: Listening = await listen(merchant);

  const timeoutVariable = settingFor(module, 'timeoutMs');
  const baseUrlVariable = settingFor(module, 'baseUrl');
  if (!timeoutVariable || !baseUrlVariable) throw new Error(`${name} declares no timeoutMs/baseUrl setting`);
  const env = { ...sandboxes.adapterEnv({ [name]: `${merchantServer.url}/payNotify` }), [timeoutVariable]: '3000' };
  const gateway = module.fromEnv(env);
  current.gateway = gateway;
  const prefix = gateway.orderNoPrefix;

  return {
    name,
    module,
    entry,
    sandboxes,
    sandbox,
    gateway,
    fast: module.fromEnv({ ...env, [timeoutVariable]: '300' }),
    unreachable: module.fromEnv({ ...env, [baseUrlVariable]: 'http://127.0.0.1:1' }),
    received,
    merchantReplies,
    newOrder: (amount = 2500) => {
      serial += 1;
      // As long as the provider allows: prefix + time + serial, cut to the declared maximum.
      const orderNo = `${prefix}${Date.now()}${String(serial).padStart(4, '0')}`.slice(0, module.orderNo.maxLength);
      return {
        orderNo,
        amount: toFen(amount),
        description: 'Demo Shop - Green tea x2',
        lines: [{ skuId: 'tea', name: 'Green tea', unitPrice: toFen(amount / 2), quantity: 2 }],
      };
    },
    close: async () => {
      await sandboxes.close();
      await merchantServer.close();
    },
  };
}
