/** Configuration is read once at cold start; a bad setting answers CONFIG_INVALID naming it, on every call. */
import { LocalCloud, type CloudFunctionModule } from '../../sandbox/cloud/runtime';
import { setLogSink } from '../../server/platform/log';

/* eslint-disable @typescript-eslint/no-require-imports -- a cold start loads the entry inside jest.isolateModules */
const entries: Record<string, () => CloudFunctionModule> = {
  pay: () => require('../../cloudfunctions/pay/index.ts') as CloudFunctionModule,
  orders: () => require('../../cloudfunctions/orders/index.ts') as CloudFunctionModule,
  reconcile: () => require('../../cloudfunctions/reconcile/index.ts') as CloudFunctionModule,
  refund: () => require('../../cloudfunctions/refund/index.ts') as CloudFunctionModule,
  payNotify: () => require('../../cloudfunctions/payNotify/index.ts') as CloudFunctionModule,
};
/* eslint-enable @typescript-eslint/no-require-imports */

const QUICKPAY = {
  PAY_PROVIDER: 'quickpay',
  QUICKPAY_BASE_URL: 'http://127.0.0.1:9',
  QUICKPAY_STORE_NO: 'STORE1',
  QUICKPAY_AUTH_HEADER: 'X-Key',
  QUICKPAY_AUTH_VALUE: 'a-secret-credential-value',
  QUICKPAY_NOTIFY_URL: 'http://127.0.0.1:9/notify',
  REFUND_ADMIN_TOKEN: 'admin-token-of-at-least-24-chars',
};

describe('function configuration', () => {
  const saved = { ...process.env };
  const logs: string[] = [];
  let cloud: LocalCloud;
  beforeEach(() => {
    setLogSink((line) => logs.push(line));
    cloud = new LocalCloud();
  });
  afterEach(async () => {
    process.env = { ...saved };
    await cloud.close();
  });

  const deployWith = (env: Record<string, string>) => {
    process.env = { ...saved, ...env };
    for (const [name, load] of Object.entries(entries)) {
      cloud.deploy(name, () => {
        let module: CloudFunctionModule | undefined;
        jest.isolateModules(() => {
          (require('../../server/platform/log') as typeof import('../../server/platform/log')).setLogSink((line) => logs.push(line)); // eslint-disable-line @typescript-eslint/no-require-imports
          module = load();
        });
        return module as CloudFunctionModule;
      });
    }
  };
  const shopper = { OPENID: 'o1', APPID: 'wx1', SOURCE: 'wx_client' };

  it.each([
    ['PAY_PROVIDER missing', { ...QUICKPAY, PAY_PROVIDER: '' }, 'PAY_PROVIDER is not set'],
    ['an unknown provider', { ...QUICKPAY, PAY_PROVIDER: 'paypal' }, 'PAY_PROVIDER is invalid'],
    ["a provider setting missing", { ...QUICKPAY, QUICKPAY_STORE_NO: '' }, 'QUICKPAY_STORE_NO is not set'],
    ['a malformed expiry', { ...QUICKPAY, ORDER_EXPIRY_MINUTES: 'soon' }, 'ORDER_EXPIRY_MINUTES is invalid'],
    ['a zero expiry', { ...QUICKPAY, ORDER_EXPIRY_MINUTES: '0' }, 'ORDER_EXPIRY_MINUTES is invalid'],
    ['a malformed reconcile threshold', { ...QUICKPAY, RECONCILE_AFTER_MINUTES: '-1' }, 'RECONCILE_AFTER_MINUTES is invalid'],
  ])('%s: every call answers CONFIG_INVALID naming the setting', async (_name, env, named) => {
    deployWith(env);
    for (const [name, event, ctx] of [
      ['pay', { action: 'status', orderNo: 'N1' }, shopper],
      ['orders', { action: 'list' }, shopper],
      ['reconcile', {}, { SOURCE: 'wx_trigger' }],
    ] as const) {
      const answer = (await cloud.invoke(name, event, ctx)) as { ok: boolean; error: { code: string; message: string } };
      expect(answer.ok).toBe(false);
      expect(answer.error.code).toBe('CONFIG_INVALID');
      expect(answer.error.message).toContain(named);
    }
  });

  it('refund needs its admin token configured, and says which setting is missing', async () => {
    deployWith({ ...QUICKPAY, REFUND_ADMIN_TOKEN: '' });
    const answer = (await cloud.invoke('refund', { orderNo: 'N1', refundNo: 'R1', adminToken: 'x' }, { SOURCE: 'wx_function' })) as { error: { code: string; message: string } };
    expect(answer.error).toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining('REFUND_ADMIN_TOKEN is not set') });
  });

  it('payNotify answers 500 without configuration and never leaks a configured secret', async () => {
    deployWith({ ...QUICKPAY, QUICKPAY_STORE_NO: '' });
    const reply = (await cloud.invoke('payNotify', { path: '/payNotify', httpMethod: 'POST', headers: {}, body: '{}', isBase64Encoded: false }, { SOURCE: 'wx_http' })) as { statusCode: number; body: string };
    expect(reply.statusCode).toBe(500);
    expect(JSON.stringify(reply)).not.toContain(QUICKPAY.QUICKPAY_AUTH_VALUE);
    expect(logs.join('\n')).not.toContain(QUICKPAY.QUICKPAY_AUTH_VALUE);
  });

  it('a good configuration serves calls', async () => {
    deployWith(QUICKPAY);
    expect(await cloud.invoke('orders', { action: 'list' }, shopper)).toEqual({ ok: true, data: { orders: [], total: 0, offset: 0, limit: 20 } });
  });
});
