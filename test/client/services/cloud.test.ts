import { createWeappCloud, getCloud, installCloud, type CloudClient, type WxCloud } from '../../../client/services/cloud';

function fakeWxCloud(result: unknown) {
  const calls: { name: string; data: Record<string, unknown> }[] = [];
  let inits = 0;
  const cloud: WxCloud = {
    init: () => {
      inits += 1;
    },
    callFunction: (param) => {
      calls.push(param);
      return Promise.resolve({ result, errMsg: 'cloud.callFunction:ok' });
    },
  };
  return { cloud, calls, inits: () => inits };
}

describe('weapp cloud client', () => {
  it('initialises wx.cloud once and returns the function result', async () => {
    const fake = fakeWxCloud({ ok: true, data: { orderNo: 'A1' } });
    const client = createWeappCloud(fake.cloud);

    await expect(client.callFunction('pay', { requestId: 'r1' })).resolves.toEqual({ ok: true, data: { orderNo: 'A1' } });
    await client.callFunction('orderStatus', { orderNo: 'A1' });

    expect(fake.inits()).toBe(1);
    expect(fake.calls).toEqual([
      { name: 'pay', data: { requestId: 'r1' } },
      { name: 'orderStatus', data: { orderNo: 'A1' } },
    ]);
  });

  it('passes a failed call on to the caller', async () => {
    const client = createWeappCloud({
      init: () => undefined,
      callFunction: () => Promise.reject(new Error('cloud.callFunction:fail')),
    });

    await expect(client.callFunction('pay', {})).rejects.toThrow('cloud.callFunction:fail');
  });
});

describe('platform cloud selection', () => {
  const taroEnv = process.env.TARO_ENV;
  afterEach(() => {
    if (taroEnv === undefined) delete process.env.TARO_ENV;
    else process.env.TARO_ENV = taroEnv;
  });

  it('uses Taro.cloud (wx.cloud) in the mini program', async () => {
    process.env.TARO_ENV = 'weapp';
    const fake = fakeWxCloud('from wx.cloud');
    await jest.isolateModulesAsync(async () => {
      const taro = (await import('@tarojs/taro')).default as unknown as Record<string, unknown>;
      taro.cloud = fake.cloud;
      const { getCloud: getPlatformCloud } = await import('../../../client/services/cloud');

      await expect(getPlatformCloud().callFunction('ping', {})).resolves.toBe('from wx.cloud');
    });
    expect(fake.calls).toEqual([{ name: 'ping', data: {} }]);
  });

  it('refuses to guess outside the mini program until a client is installed', () => {
    process.env.TARO_ENV = 'h5';
    expect(() => getCloud()).toThrow('No cloud client for platform "h5"');

    const local: CloudClient = { callFunction: () => Promise.resolve('local') };
    installCloud(local);
    expect(getCloud()).toBe(local);
  });
});
