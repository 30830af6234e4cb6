import { AppError } from '../../../server/platform/errors';
import { scrubText } from '../../../server/platform/log';
import { quickpayModule, readQuickpayConfig } from '../../../server/gateways/quickpay';
import { gatewayFromEnv, registeredProviders } from '../../../server/gateways/registry';
import { thrown } from './fixtures';

const env = {
  QUICKPAY_BASE_URL: 'https://pay.example.com/api/',
  QUICKPAY_STORE_NO: 'STORE0001',
  QUICKPAY_AUTH_HEADER: 'X-QuickPay-Key',
  QUICKPAY_AUTH_VALUE: 'config-test-credential-1',
  QUICKPAY_NOTIFY_URL: 'https://shop.example.com/payNotify',
};

describe('QuickPay settings', () => {
  it('reads a valid environment, with the default time-out', () => {
    expect(readQuickpayConfig(env)).toEqual({
      baseUrl: 'https://pay.example.com/api',
      storeNo: 'STORE0001',
      authHeader: 'X-QuickPay-Key',
      authValue: 'config-test-credential-1',
      notifyUrl: 'https://shop.example.com/payNotify',
      timeoutMs: 10_000,
    });
    expect(readQuickpayConfig({ ...env, QUICKPAY_TIMEOUT_MS: '3000' }).timeoutMs).toBe(3000);
  });

  it('registers the credential as a secret', () => {
    readQuickpayConfig({ ...env, QUICKPAY_AUTH_VALUE: 'config-test-credential-2' });
    expect(scrubText('header=config-test-credential-2')).not.toContain('config-test-credential-2');
  });

  it.each([
    ['QUICKPAY_BASE_URL', { QUICKPAY_BASE_URL: undefined }],
    ['QUICKPAY_BASE_URL', { QUICKPAY_BASE_URL: 'ftp://x' }],
    ['QUICKPAY_STORE_NO', { QUICKPAY_STORE_NO: 's'.repeat(33) }],
    ['QUICKPAY_AUTH_HEADER', { QUICKPAY_AUTH_HEADER: 'bad header' }],
    ['QUICKPAY_AUTH_HEADER', { QUICKPAY_AUTH_HEADER: 'Content-Type' }],
    ['QUICKPAY_AUTH_VALUE', { QUICKPAY_AUTH_VALUE: '' }],
    ['QUICKPAY_NOTIFY_URL', { QUICKPAY_NOTIFY_URL: 'not a url' }],
    ['QUICKPAY_TIMEOUT_MS', { QUICKPAY_TIMEOUT_MS: 'soon' }],
  ])('names %s when it is missing or malformed', (variable, patch) => {
    const err = thrown(() => readQuickpayConfig({ ...env, ...patch })) as AppError;
    expect(err.code).toBe('CONFIG_INVALID');
    expect(err.message).toContain(variable);
    expect(err.message).not.toContain('config-test-credential');
  });

  it('does not need WX_APPID: the payer AppID comes from the cloud context', () => {
    expect(() => readQuickpayConfig(env)).not.toThrow();
  });

  it('is registered: PAY_PROVIDER=quickpay builds the QuickPay gateway', () => {
    expect(registeredProviders()).toContain('quickpay');
    const gateway = gatewayFromEnv({ ...env, PAY_PROVIDER: 'quickpay' });
    expect(gateway.name).toBe('quickpay');
    expect(gateway.orderNoPrefix).toBe('');
    expect(quickpayModule.name).toBe('quickpay');
  });
});
