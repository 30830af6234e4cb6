import { Cashier, CASHIER_CANCELLED, CASHIER_OK, createManualClock, PREPAY_VALIDITY_MS, wechatPaySign } from '../../../sandbox/common';

describe('wechatPaySign', () => {
  it('matches the WeChat Pay v2 documentation example', () => {
    const sign = wechatPaySign(
      {
        appId: 'wxd678efh567hg6787',
        nonceStr: '5K8264ILTKCH16CQ2502SI8ZNMTM67VS',
        package: 'prepay_id=wx2017033010242291fcfe0db70013231072',
        signType: 'MD5',
        timeStamp: '1490840662',
      },
      'qazwsxedcrfvtgbyhnujmikolp111111',
    );
    expect(sign).toBe('22D9B4E54AB1950F51E0649E8810ACD6');
  });
});

describe('Cashier', () => {
  const setup = () => {
    const clock = createManualClock(1_700_000_000_000);
    const cashier = new Cashier({ clock, key: 'cashier-test-key-0123456789abcdef' });
    const onPaid = jest.fn();
    const onCancelled = jest.fn();
    const params = cashier.issue({ appId: 'wx1234567890abcdef', amount: 1234, description: 'tea', onPaid, onCancelled });
    const { appId: _appId, ...requestPayment } = params;
    return { clock, cashier, onPaid, onCancelled, params, requestPayment };
  };

  it('issues the five requestPayment fields signed with its key', () => {
    const { params } = setup();
    expect(params.package).toMatch(/^prepay_id=wx[A-Za-z0-9]{30}$/);
    expect(params.signType).toBe('MD5');
    expect(params.timeStamp).toBe('1700000000');
    expect(params.paySign).toBe(wechatPaySign(params, 'cashier-test-key-0123456789abcdef'));
  });

  it('pays once: a second pay is refused and onPaid ran once', async () => {
    const { cashier, onPaid, requestPayment } = setup();
    expect(await cashier.pay(requestPayment)).toEqual({ errMsg: CASHIER_OK });
    expect(await cashier.pay(requestPayment)).toEqual({ errMsg: 'requestPayment:fail order already paid' });
    expect(onPaid).toHaveBeenCalledTimes(1);
  });

  it('refuses a wrong paySign, an unknown prepay id, a revoked or an expired prepay', async () => {
    const { clock, cashier, onPaid, requestPayment } = setup();
    expect((await cashier.pay({ ...requestPayment, paySign: requestPayment.paySign.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) })).errMsg).toBe(
      'requestPayment:fail invalid paySign',
    );
    expect((await cashier.pay({ ...requestPayment, timeStamp: '1' })).errMsg).toBe('requestPayment:fail invalid paySign');
    expect((await cashier.pay({ ...requestPayment, package: 'prepay_id=wxnope' })).errMsg).toBe('requestPayment:fail prepay_id not found');
    clock.advance(PREPAY_VALIDITY_MS + 1);
    expect((await cashier.pay(requestPayment)).errMsg).toBe('requestPayment:fail prepay_id expired');
    const fresh = cashier.issue({ appId: 'wx1', amount: 1, description: 'x', onPaid });
    expect(cashier.revoke(fresh.package.slice('prepay_id='.length))).toBe(true);
    expect((await cashier.pay(fresh)).errMsg).toBe('requestPayment:fail order closed');
    expect(onPaid).not.toHaveBeenCalled();
  });

  it('cancel tells the provider and leaves the prepay payable', async () => {
    const { cashier, onPaid, onCancelled, requestPayment } = setup();
    expect(await cashier.cancel(requestPayment)).toEqual({ errMsg: CASHIER_CANCELLED });
    expect(onCancelled).toHaveBeenCalledTimes(1);
    expect(await cashier.pay(requestPayment)).toEqual({ errMsg: CASHIER_OK });
    expect(onPaid).toHaveBeenCalledTimes(1);
  });

  it('rejects a non-integer amount at issue', () => {
    const { cashier } = setup();
    expect(() => cashier.issue({ appId: 'wx1', amount: 1.5, description: 'x', onPaid: () => undefined })).toThrow(RangeError);
  });
});
