import { AppError } from '../../../server/platform/errors';
import { scrubText } from '../../../server/platform/log';
import { settingsFromEnv } from '../../../server/gateways/tencent/config';
import { tencentModule } from '../../../server/gateways/tencent';

const env = {
  TENCENT_BASE_URL: 'http://127.0.0.1:9999/',
  TENCENT_OUT_MCH_ID: 'mch-1',
  TENCENT_OUT_SUB_MCH_ID: 'sub-1',
  TENCENT_OUT_SHOP_ID: 'shop-1',
  TENCENT_AUTHEN_KEY: 'super-secret-authen-key-42',
  TENCENT_ORDER_PREFIX: 'sz0199',
  TENCENT_SPBILL_IP: '10.1.2.3',
  TENCENT_DEVICE_ID: 'cloud-fn-01',
};

describe('settings from the environment', () => {
  it('reads and normalises every setting', () => {
    expect(settingsFromEnv(env)).toEqual({
      baseUrl: 'http://127.0.0.1:9999',
      outMchId: 'mch-1',
      outSubMchId: 'sub-1',
      outShopId: 'shop-1',
      authenKey: 'super-secret-authen-key-42',
      orderPrefix: 'sz0199',
      spbillIp: '10.1.2.3',
      deviceId: 'cloud-fn-01',
      timeoutMs: 10_000,
    });
    expect(settingsFromEnv({ ...env, TENCENT_TIMEOUT_MS: '2500' }).timeoutMs).toBe(2500);
  });

  it('names a missing or malformed variable, never a value', () => {
    const { TENCENT_ORDER_PREFIX: _omit, ...missing } = env;
    expect(() => settingsFromEnv(missing)).toThrow(/TENCENT_ORDER_PREFIX is not set/);
    expect(() => settingsFromEnv({ ...env, TENCENT_SPBILL_IP: 'localhost' })).toThrow(/TENCENT_SPBILL_IP is invalid/);
    const { TENCENT_DEVICE_ID: _device, ...noDevice } = env;
    expect(() => settingsFromEnv(noDevice)).toThrow(/TENCENT_DEVICE_ID is not set/);
    expect(() => settingsFromEnv({ ...env, TENCENT_DEVICE_ID: 'd'.repeat(65) })).toThrow(/TENCENT_DEVICE_ID is invalid/);
    let caught: unknown;
    try {
      settingsFromEnv({ ...env, TENCENT_AUTHEN_KEY: 'short7!' });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('CONFIG_INVALID');
    expect((caught as AppError).message).toMatch(/TENCENT_AUTHEN_KEY is invalid/);
    expect((caught as AppError).message).not.toContain('short7!');
  });

  it('registers the authen key as a secret for the log scrubber', () => {
    settingsFromEnv(env);
    expect(scrubText(`key=${env.TENCENT_AUTHEN_KEY}`)).not.toContain(env.TENCENT_AUTHEN_KEY);
  });

  it('the module builds a gateway whose order prefix is the configured one', () => {
    const gateway = tencentModule.fromEnv(env);
    expect(gateway.name).toBe('tencent');
    expect(gateway.orderNoPrefix).toBe('sz0199');
  });
});
