import crypto from 'node:crypto';
import { generateKeyPairSync } from 'node:crypto';
import { settingsFromEnv } from '../../../server/gateways/caibao/settings';
import { gatewayFromEnv, registeredProviders } from '../../../server/gateways/registry';
import { readCaibaoEnvelope } from '../../../server/gateways/caibao/protocol';
import { classify, StageFailure } from '../../../server/gateways/pipeline';
import { scrubText, setLogSink } from '../../../server/platform/log';

const logs: string[] = [];
beforeAll(() => setLogSink((line) => logs.push(line)));

const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
const env = {
  CAIBAO_BASE_URL: 'https://openapi.example.com',
  CAIBAO_APP: 'app1',
  CAIBAO_OPERATOR_ID: 'op1',
  CAIBAO_KEY: 'unit-test-md5-key-0001',
  CAIBAO_PUBLIC_KEY: pem.trim().split('\n').join('\\n'),
  CAIBAO_NOTIFY_URL: 'https://shop.example.com/payNotify',
};

describe('Caibao settings', () => {
  it('reads every setting; the PEM may come with literal \\n; the time-out defaults to 10 s', () => {
    const settings = settingsFromEnv(env);
    expect(settings).toMatchObject({ baseUrl: env.CAIBAO_BASE_URL, app: 'app1', operatorId: 'op1', notifyUrl: env.CAIBAO_NOTIFY_URL, timeoutMs: 10_000 });
    expect(settingsFromEnv({ ...env, CAIBAO_TIMEOUT_MS: '2500' }).timeoutMs).toBe(2500);
  });

  it('is registered: PAY_PROVIDER=caibao gives the Caibao gateway', () => {
    expect(registeredProviders()).toContain('caibao');
    expect(gatewayFromEnv({ ...env, PAY_PROVIDER: 'caibao' })).toMatchObject({ name: 'caibao', orderNoPrefix: '' });
  });

  it('imports the public key once at cold start: the settings check and the gateway share it', () => {
    const fresh = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const imports = jest.spyOn(crypto, 'createPublicKey');
    try {
      expect(gatewayFromEnv({ ...env, CAIBAO_PUBLIC_KEY: fresh, PAY_PROVIDER: 'caibao' })).toMatchObject({ name: 'caibao' });
      expect(imports).toHaveBeenCalledTimes(1);
    } finally {
      imports.mockRestore();
    }
  });

  it('registers the key as a secret, so it is masked wherever it appears', () => {
    settingsFromEnv(env);
    expect(scrubText(`oops ${env.CAIBAO_KEY}`)).not.toContain(env.CAIBAO_KEY);
  });

  it.each(['CAIBAO_BASE_URL', 'CAIBAO_APP', 'CAIBAO_OPERATOR_ID', 'CAIBAO_KEY', 'CAIBAO_PUBLIC_KEY', 'CAIBAO_NOTIFY_URL'])(
    'missing %s → CONFIG_INVALID naming it',
    (name) => {
      expect(() => settingsFromEnv({ ...env, [name]: undefined })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining(name) }));
    },
  );

  it('malformed values are named, never echoed', () => {
    expect(() => settingsFromEnv({ ...env, CAIBAO_PUBLIC_KEY: 'MIIBIjANBgkq' })).toThrow(/CAIBAO_PUBLIC_KEY is invalid/);
    expect(() => settingsFromEnv({ ...env, CAIBAO_TIMEOUT_MS: 'soon' })).toThrow(/CAIBAO_TIMEOUT_MS/);
    expect(() => settingsFromEnv({ ...env, CAIBAO_BASE_URL: 'ftp://x' })).toThrow(/CAIBAO_BASE_URL/);
  });
});

describe('Caibao answer envelope', () => {
  /** The envelope as the pipeline's `read` stage sees it, a refusal or failure as its one classification gives it. */
  const read = (text: string) => {
    try {
      const envelope = readCaibaoEnvelope(Buffer.from(text));
      if (envelope.verdict === 'accepted') return envelope.data;
      const e = classify('caibao', 'open.pay.query', { kind: 'refused', envelope });
      return { code: e.code, outcome: e.outcome, providerCode: e.providerCode };
    } catch (err) {
      if (!(err instanceof StageFailure)) throw err;
      const e = classify('caibao', 'open.pay.query', err.fact);
      return { code: e.code, outcome: e.outcome, providerCode: e.providerCode };
    }
  };

  it('success only when success === true and errorCode "0"', () => {
    expect(read('{"result":{"success":true,"errorCode":"0"},"data":{"a":"1"}}')).toEqual({ a: '1' });
    expect(read('{"result":{"success":true,"errorCode":0},"data":{"a":"1"}}')).toEqual({ a: '1' });
    expect(read('{"result":{"success":"true","errorCode":"0"},"data":{}}')).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', outcome: 'unknown' });
    expect(read('{"result":{"success":false,"errorCode":"10","errorMsg":"command参数为空"}}')).toEqual({ code: 'PROVIDER_REJECTED', outcome: 'rejected', providerCode: '10' });
  });

  it('success: true is never read as a refusal: with any errorCode but "0" the outcome is unknown (resolved by query)', () => {
    // The pages document only the failure example (success false, errorCode "10"); "0" on success is seen, not documented.
    // A command Caibao says succeeded may have moved money: it cannot be "rejected" (nothing done).
    for (const errorCode of ['"1"', '""', '"10"', '-1']) {
      expect(read(`{"result":{"success":true,"errorCode":${errorCode}},"data":{"a":"1"}}`)).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', outcome: 'unknown' });
    }
  });

  it('an unreadable answer or success without data leaves the outcome unknown', () => {
    expect(read('<html>')).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', outcome: 'unknown' });
    expect(read('{"data":{}}')).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', outcome: 'unknown' });
    expect(read('{"result":{"success":true,"errorCode":"0"}}')).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', outcome: 'unknown' });
  });
});
