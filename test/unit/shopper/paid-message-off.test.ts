/** Off (nothing set) is decided without a parse: loadPaymentConfig reads these at every cold start. */
import { readEnvGroup } from '../../../server/platform/config';
import { loadPaidMessageSettings, PAID_MESSAGE_ENV } from '../../../server/shopper/paid-message';

jest.mock('../../../server/platform/config', () => {
  const actual = jest.requireActual<typeof import('../../../server/platform/config')>('../../../server/platform/config');
  return { ...actual, readEnvGroup: jest.fn(actual.readEnvGroup) };
});

describe('paid message settings when none is set', () => {
  beforeEach(() => jest.mocked(readEnvGroup).mockClear());

  it('are off without reading them through the schema; empty counts as unset', () => {
    expect(loadPaidMessageSettings({})).toBeUndefined();
    expect(loadPaidMessageSettings({ [PAID_MESSAGE_ENV.templateId]: '', [PAID_MESSAGE_ENV.fields]: '' })).toBeUndefined();
    expect(readEnvGroup).not.toHaveBeenCalled();
  });

  it('are parsed as soon as one is set (a malformed one is refused even without a template)', () => {
    expect(() => loadPaidMessageSettings({ [PAID_MESSAGE_ENV.fields]: 'thing1=price' })).toThrow(/CONFIG_INVALID|PAID_MESSAGE_FIELDS/);
    expect(readEnvGroup).toHaveBeenCalledTimes(1);
  });
});
