import { getRequestPayment, installRequestPayment, openPaymentSheet, outcomeOf } from '../../../client/services/payment';

const params = { timeStamp: '1', nonceStr: 'n', package: 'prepay_id=wx1', signType: 'MD5' as const, paySign: 'S' };

describe('payment sheet outcome', () => {
  it('only WeChat’s exact strings mean ok or cancel', () => {
    expect(outcomeOf('requestPayment:ok')).toEqual({ kind: 'ok' });
    expect(outcomeOf('requestPayment:fail cancel')).toEqual({ kind: 'cancel' });
    expect(outcomeOf('requestPayment:fail invalid paySign')).toEqual({ kind: 'fail', reason: 'invalid paySign' });
    // Taro's H5 stub resolves with this: it must never pass for a payment.
    expect(outcomeOf('暂时不支持 API')).toEqual({ kind: 'fail', reason: '暂时不支持 API' });
    expect(outcomeOf('requestPayment:fail')).toEqual({ kind: 'fail', reason: 'the payment did not go through' });
  });

  it('reads the errMsg of a resolved or rejected sheet', async () => {
    await expect(openPaymentSheet(params, async () => ({ errMsg: 'requestPayment:ok' }))).resolves.toEqual({ kind: 'ok' });
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- wx rejects with a plain {errMsg}
    await expect(openPaymentSheet(params, () => Promise.reject({ errMsg: 'requestPayment:fail cancel' }))).resolves.toEqual({ kind: 'cancel' });
    await expect(openPaymentSheet(params, () => Promise.reject(new Error('boom')))).resolves.toEqual({ kind: 'fail', reason: 'Error: boom' });
    await expect(openPaymentSheet(params, async () => ({ errMsg: '暂时不支持 API' }))).resolves.toMatchObject({ kind: 'fail' });
  });
});

describe('platform payment sheet', () => {
  const taroEnv = process.env.TARO_ENV;
  afterEach(() => {
    if (taroEnv === undefined) delete process.env.TARO_ENV;
    else process.env.TARO_ENV = taroEnv;
  });

  it('uses wx.requestPayment (Taro.requestPayment) in the mini program', async () => {
    process.env.TARO_ENV = 'weapp';
    const seen: unknown[] = [];
    await jest.isolateModulesAsync(async () => {
      const taro = (await import('@tarojs/taro')).default as unknown as Record<string, unknown>;
      taro.requestPayment = async (p: unknown) => {
        seen.push(p);
        return { errMsg: 'requestPayment:ok' };
      };
      const payment = await import('../../../client/services/payment');
      await expect(payment.openPaymentSheet(params)).resolves.toEqual({ kind: 'ok' });
    });
    expect(seen).toEqual([params]);
  });

  it('refuses to guess outside the mini program until a sheet is installed (never Taro’s H5 stub)', () => {
    process.env.TARO_ENV = 'h5';
    expect(() => getRequestPayment()).toThrow('No payment sheet for platform "h5"');
    const sheet = async () => ({ errMsg: 'requestPayment:ok' });
    installRequestPayment(sheet);
    expect(getRequestPayment()).toBe(sheet);
  });
});
