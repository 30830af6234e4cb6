/** Every registered provider declares what the product needs, and its declarations match its gateway. */
import { Cashier, createClock } from '../../../sandbox/common';
import { sandboxEntryOf } from '../../../sandbox';
import { providerModule, registeredProviders, settingFor } from '../../../server/gateways/registry';
import { QUICKPAY_SETTINGS } from '../../../server/gateways/quickpay';
import { setLogSink } from '../../../server/platform/log';

beforeAll(() => setLogSink(() => undefined));

/** The adapter's settings exactly as its sandbox describes them (a sandbox is not started). */
function sandboxEnv(name: ReturnType<typeof registeredProviders>[number]): Record<string, string> {
  const clock = createClock({ speed: 1 });
  const sandbox = sandboxEntryOf(name).create({ cashier: new Cashier({ clock }), clock });
  const env = sandbox.adapterEnv?.('http://127.0.0.1:9', 'http://127.0.0.1:9/payNotify') ?? {};
  void sandbox.app.close();
  sandbox.notifier.close();
  return env;
}

describe.each(registeredProviders())('%s', (name) => {
  const module = providerModule(name);

  it('is registered under its own name', () => {
    expect(module.name).toBe(name);
  });

  it('declares each setting once, with a meaning, and a base URL and a deadline others can find', () => {
    const variables = module.settings.map((s) => s.variable);
    expect(new Set(variables).size).toBe(variables.length);
    for (const s of module.settings) expect(s.meaning.length).toBeGreaterThan(5);
    expect(settingFor(module, 'baseUrl')).toBeDefined();
    expect(settingFor(module, 'timeoutMs')).toBeDefined();
    expect(module.settings.some((s) => s.secret)).toBe(true);
  });

  it('declares every variable its fromEnv reads', () => {
    const env = sandboxEnv(name);
    const read = new Set<string>();
    module.fromEnv(new Proxy(env, { get: (target, key) => (typeof key === 'string' && read.add(key), target[key as string]) }));
    read.delete('PAY_PROVIDER');
    expect([...read].filter((variable) => !module.settings.some((s) => s.variable === variable))).toEqual([]);
  });

  it('builds its gateway from its declared settings, and names each missing required one', () => {
    const env = sandboxEnv(name);
    const gateway = module.fromEnv(env);
    expect(gateway.name).toBe(name);
    for (const s of module.settings.filter((x) => x.required)) {
      const without = { ...env, [s.variable]: '' };
      expect(() => module.fromEnv(without)).toThrow(s.variable);
    }
  });

  it('declares as capabilities exactly the optional methods its gateway has', () => {
    const gateway = module.fromEnv(sandboxEnv(name));
    expect(module.capabilities.qr).toBe(typeof gateway.createQr === 'function');
    expect(module.capabilities.refundNumbers).toBe(typeof (gateway as { queryRefund?: unknown }).queryRefund === 'function');
  });

  it('has an order-number rule its prefix fits', () => {
    const prefixVariable = settingFor(module, 'orderNoPrefix');
    const gateway = module.fromEnv(sandboxEnv(name));
    expect(gateway.orderNoPrefix.length).toBeLessThan(module.orderNo.maxLength);
    expect(prefixVariable === undefined).toBe(gateway.orderNoPrefix === '');
  });
});

describe('settings docs from a schema', () => {
  it('read required and default from the schema itself', () => {
    expect(QUICKPAY_SETTINGS.find((s) => s.variable === 'QUICKPAY_TIMEOUT_MS')).toMatchObject({ required: false, default: '10000' });
    expect(QUICKPAY_SETTINGS.find((s) => s.variable === 'QUICKPAY_BASE_URL')).toMatchObject({ required: true });
    expect(QUICKPAY_SETTINGS.find((s) => s.variable === 'QUICKPAY_AUTH_VALUE')).toMatchObject({ secret: true });
    expect(QUICKPAY_SETTINGS.find((s) => s.variable === 'QUICKPAY_BASE_URL')?.default).toBeUndefined();
  });
});
