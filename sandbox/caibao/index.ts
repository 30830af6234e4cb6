/**
 * Caibao open API v1 sandbox: `POST /gatewayOpen.htm` with form-encoded fields, dispatching on
 * `command`, as strict as the docs (see validate.ts); its own RSA key pair signs answers and
 * notifications; open.pay.mp goes through the shared WeChat cashier, open.pay.scan through a QR
 * page (qr-page.ts). Faults: the shared switchboard (endpoint = the command), notification faults
 * on `notifier`, and signature faults (`signatureFaults`) for proving the adapter refuses them.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { randomToken } from '../../server/platform/crypto';
import { createSandboxApp, FaultSwitchboard, installFaults, Notifier, type Cashier, type SandboxClock } from '../common';
import { failure, SignatureFaults, success, type Signer } from './answers';
import { HANDLERS } from './commands';
import { ERRORS, type CaibaoError } from './errors';
import { paymentNotification, isAcknowledged, type NotificationFormat } from './notify';
import { CaibaoOrderBook, type CaibaoOrder } from './orders';
import { GATEWAY_PATH, RETRY_DELAYS_MS } from './pages';
import { registerQrRoutes } from './qr-page';
import { generateRsaKeys, type RsaKeys } from './signing';
import { checkRequest, type Merchant } from './validate';

export interface CaibaoSandboxOptions {
  cashier: Cashier;
  clock: SandboxClock;
  /** The merchant account the sandbox knows; a random MD5 key by default. */
  merchant?: Partial<Merchant>;
  /** Caibao's RSA key pair; generated at start by default. */
  keys?: RsaKeys;
}

export interface CaibaoCredentials extends Merchant {
  /** Caibao's public key for the adapter's CAIBAO_PUBLIC_KEY, bare base64 as Caibao publishes its own. */
  publicKey: string;
}

export interface CaibaoSandbox {
  app: FastifyInstance;
  faults: FaultSwitchboard;
  notifier: Notifier;
  orders: CaibaoOrderBook;
  credentials: CaibaoCredentials;
  signatureFaults: SignatureFaults;
  /** Notifications are form-encoded unless switched to JSON. */
  notificationFormat: NotificationFormat;
  /** The payment channel refuses refunds: open.pay.refund answers refundStatus -3 (ming-ci-jie-shi.md). */
  channelRefusesRefunds: boolean;
  /** The adapter's environment for this sandbox listening at `baseUrl`. */
  adapterEnv(baseUrl: string, notifyUrl: string): Record<string, string>;
}

interface FormBody {
  fields: Record<string, string>;
  repeated: string[];
}

function parseForm(text: string): FormBody {
  const fields: Record<string, string> = {};
  const repeated: string[] = [];
  for (const [name, value] of new URLSearchParams(text)) {
    if (Object.prototype.hasOwnProperty.call(fields, name)) repeated.push(name);
    fields[name] = value;
  }
  return { fields, repeated };
}

/**
 * The form fields: from the query string of a GET (chapter1.md: "均支持POST与GET两种方式"), from a
 * form-encoded POST body; a body in any other encoding carries none (so: command empty).
 */
function formOf(request: FastifyRequest): FormBody {
  if (request.method === 'GET') return parseForm(request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '');
  const body = request.body as Partial<FormBody> | undefined;
  return body && typeof body === 'object' && body.fields ? { fields: body.fields, repeated: body.repeated ?? [] } : { fields: {}, repeated: [] };
}

export function createCaibaoSandbox(options: CaibaoSandboxOptions): CaibaoSandbox {
  const { cashier, clock } = options;
  const merchant: Merchant = {
    app: options.merchant?.app ?? 'sandbox-app',
    operatorId: options.merchant?.operatorId ?? 'sandbox-operator',
    key: options.merchant?.key ?? randomToken(32),
  };
  const keys = options.keys ?? generateRsaKeys();
  const signatureFaults = new SignatureFaults();
  const signer: Signer = { privateKey: keys.privateKey, faults: signatureFaults };
  const orders = new CaibaoOrderBook();
  const faults = new FaultSwitchboard();
  const notifier = new Notifier({ clock, retryDelaysMs: RETRY_DELAYS_MS, isAcknowledged });
  const app = createSandboxApp();

  const sandbox: CaibaoSandbox = {
    app,
    faults,
    notifier,
    orders,
    credentials: { ...merchant, publicKey: keys.publicKey },
    signatureFaults,
    notificationFormat: 'form',
    channelRefusesRefunds: false,
    adapterEnv: (baseUrl, notifyUrl) => ({
      CAIBAO_BASE_URL: baseUrl,
      CAIBAO_APP: merchant.app,
      CAIBAO_OPERATOR_ID: merchant.operatorId,
      CAIBAO_KEY: merchant.key,
      CAIBAO_PUBLIC_KEY: keys.publicKey,
      CAIBAO_NOTIFY_URL: notifyUrl,
    }),
  };

  const markPaid = (order: CaibaoOrder): boolean => {
    if (!orders.transition(order, ['WAIT_PAY'], 'PAY_SUC')) return false;
    order.payTime = clock.now();
    order.outOrderNo = `4200${order.payTime}${randomToken(6)}`;
    const notification = paymentNotification(order, sandbox.notificationFormat, signer);
    if (notification) notifier.send(notification);
    return true;
  };

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, parseForm(String(body)));
  });
  installFaults(app, faults, {
    endpointOf: (request) => (request.routeOptions.url === GATEWAY_PATH ? (formOf(request).fields.command ?? '') : undefined),
    renderStatus: (payload) => ({ body: failure(payload as CaibaoError) }),
  });

  app.route({
    method: ['GET', 'POST'],
    url: GATEWAY_PATH,
    handler: async (request, reply) => {
      const { fields, repeated } = formOf(request);
      const checked = checkRequest(fields, repeated, merchant);
      reply.type('application/json; charset=utf-8');
      if (!checked.ok) return failure(checked.error);
      const handler = HANDLERS[checked.command];
      if (!handler) return failure(ERRORS.unknownCommand);
      const baseUrl = `${request.protocol}://${request.host}`;
      const outcome = handler(checked.fields, { orders, cashier, clock, signer, markPaid, baseUrl, channelRefusesRefunds: sandbox.channelRefusesRefunds });
      return 'error' in outcome ? failure(outcome.error) : success(outcome.data);
    },
  });

  registerQrRoutes(app, orders, {
    pay: (order) => markPaid(order),
    cancel: (order) => orders.transition(order, ['WAIT_PAY'], 'CANCEL'),
  });

  app.addHook('onClose', async () => notifier.close());
  return sandbox;
}

export type { CaibaoOrder } from './orders';
export type { SignatureFault } from './answers';
