/**
 * Drive a running local shop's provider sandbox by hand (`npm start` in another terminal):
 *
 *   npm run sandbox -- notifications <orderNo>                 what the sandbox sent for the order
 *   npm run sandbox -- resend <orderNo> [--duplicate | --out-of-order]
 *        the order's last notification again; twice at once; or its first one after the later ones
 *   npm run sandbox -- notify-fault <drop|duplicate|out-of-order> [--times N] [--hold-ms N]
 *        what happens to the next notifications
 *   npm run sandbox -- fault <endpoint|*> <delay|timeout|http5xx|reset|malformed|status> [--ms N] [--status 5xx] [--payload JSON] [--times N]
 *        a provider endpoint misbehaves (endpoints: QuickPay /QuickPay/JSAPIPay, /QuickPay/Query, /QuickPay/Refund;
 *        Caibao open.pay.mp, open.pay.query, open.pay.refund, …; Tencent official_account_pay, query_order, refund, …)
 *   npm run sandbox -- clear [endpoint]                       back to normal
 *
 * `--shop URL` (or LOCAL_SHOP_URL) says where the shop runs; default http://127.0.0.1:8700.
 */
export const DRIVE_COMMANDS = ['notifications', 'resend', 'notify-fault', 'fault', 'clear'] as const;

function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

function integer(args: readonly string[], name: string): number | undefined {
  const text = option(args, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number, got ${text}`);
  return value;
}

/** The request a command line makes of the shop's control routes (sandbox/shop/control.ts). */
export function requestFor(args: readonly string[]): { method: 'GET' | 'POST'; path: string; body?: Record<string, unknown> } {
  const [command, first, second] = args;
  const need = (value: string | undefined, what: string) => {
    if (!value || value.startsWith('--')) throw new Error(`${command} needs ${what}`);
    return value;
  };
  const times = integer(args, 'times');
  switch (command) {
    case 'notifications':
      return { method: 'GET', path: `/sandbox/control/notifications?orderNo=${encodeURIComponent(need(first, 'an order number'))}` };
    case 'resend':
      return {
        method: 'POST',
        path: '/sandbox/control/resend',
        body: { orderNo: need(first, 'an order number'), mode: args.includes('--duplicate') ? 'duplicate' : args.includes('--out-of-order') ? 'out-of-order' : 'again' },
      };
    case 'notify-fault': {
      const holdMs = integer(args, 'hold-ms');
      return { method: 'POST', path: '/sandbox/control/notify-fault', body: { kind: need(first, 'drop, duplicate or out-of-order'), ...(times ? { times } : {}), ...(holdMs !== undefined ? { holdMs } : {}) } };
    }
    case 'fault': {
      const payload = option(args, 'payload');
      const ms = integer(args, 'ms');
      const status = integer(args, 'status');
      return {
        method: 'POST',
        path: '/sandbox/control/fault',
        body: {
          endpoint: need(first, 'an endpoint (or *)'),
          kind: need(second, 'a kind: delay, timeout, http5xx, reset, malformed or status'),
          ...(ms !== undefined ? { ms } : {}),
          ...(status !== undefined ? { status } : {}),
          ...(payload !== undefined ? { payload: JSON.parse(payload) as unknown } : {}),
          ...(times ? { times } : {}),
        },
      };
    }
    case 'clear':
      return { method: 'POST', path: '/sandbox/control/clear', body: first && !first.startsWith('--') ? { endpoint: first } : {} };
    default:
      throw new Error(`unknown command ${String(command)}: one of ${DRIVE_COMMANDS.join(', ')}`);
  }
}

export async function drive(args: readonly string[], env: NodeJS.ProcessEnv = process.env, write: (text: string) => unknown = (text) => process.stdout.write(text)): Promise<void> {
  const shop = (option(args, 'shop') ?? env.LOCAL_SHOP_URL ?? 'http://127.0.0.1:8700').replace(/\/+$/, '');
  const request = requestFor(args);
  let response: Response;
  try {
    response = await fetch(`${shop}${request.path}`, {
      method: request.method,
      ...(request.body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(request.body) } : {}),
    });
  } catch {
    throw new Error(`no local shop at ${shop}: start one with npm start (or pass --shop URL)`);
  }
  const text = await response.text();
  if (!response.ok) throw new Error(`${request.path}: HTTP ${response.status} ${text}`);
  write(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
}
