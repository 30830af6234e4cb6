import { createHmac } from 'node:crypto';
import { Cashier, CASHIER_CANCELLED, CASHIER_OK, createManualClock, PREPAY_VALIDITY_MS, wechatPaySign } from '../../../sandbox/common';
import example from '../../fixtures/wechat/paysign-md5-example.json';

describe('wechatPaySign (WeChat Pay v2 再次签名)', () => {
  it('matches the worked MD5 example on WeChat\'s mini program payment page', () => {
    expect(wechatPaySign({ ...example.params, signType: 'MD5' }, example.key)).toBe(example.paySign);
  });

  it('HMAC-SHA256: the same sorted string with &key=, HMAC keyed with the same key, upper-case hex', () => {
    const params = { ...example.params, signType: 'HMAC-SHA256' as const };
    const text = example.stringSignTemp.replace('signType=MD5', 'signType=HMAC-SHA256');
    const expected = createHmac('sha256', example.key).update(text, 'utf8').digest('hex').toUpperCase();
    expect(wechatPaySign(params, example.key)).toBe(expected);
    expect(expected).not.toBe(example.paySign);
  });

  it('RSA (v3) has no v2 paySign', () => {
    expect(wechatPaySign({ ...example.params, signType: 'RSA' }, example.key)).toBeUndefined();
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

  it('checks paySign by the rule its signType names', async () => {
    const { cashier } = setup();
    const hmac = cashier.issue({ appId: 'wx1234567890abcdef', amount: 10, description: 'x', onPaid: () => undefined, signType: 'HMAC-SHA256' });
    const { appId: _appId, ...params } = hmac;
    expect(params.signType).toBe('HMAC-SHA256');
    expect(params.paySign).toBe(wechatPaySign(hmac, 'cashier-test-key-0123456789abcdef'));
    // The same paySign claimed as MD5, or an MD5 paySign claimed as HMAC-SHA256, does not verify.
    expect((await cashier.pay({ ...params, signType: 'MD5' })).errMsg).toBe('requestPayment:fail invalid paySign');
    const md5 = wechatPaySign({ ...hmac, signType: 'MD5' }, 'cashier-test-key-0123456789abcdef') ?? '';
    expect((await cashier.pay({ ...params, paySign: md5 })).errMsg).toBe('requestPayment:fail invalid paySign');
    expect((await cashier.pay({ ...params, signType: 'RSA' })).errMsg).toBe('requestPayment:fail invalid paySign');
    expect((await cashier.pay(params, 'wx1234567890abcdef')).errMsg).toBe(CASHIER_OK);
  });

  it('refuses params issued for another mini program: appid mismatch', async () => {
    const { cashier, onPaid, onCancelled, requestPayment } = setup();
    expect(await cashier.pay(requestPayment, 'wxanotherminiprog')).toEqual({ errMsg: 'requestPayment:fail appid mismatch' });
    expect(await cashier.cancel(requestPayment, 'wxanotherminiprog')).toEqual({ errMsg: 'requestPayment:fail appid mismatch' });
    expect(onPaid).not.toHaveBeenCalled();
    expect(onCancelled).not.toHaveBeenCalled();
    expect(await cashier.pay(requestPayment, 'wx1234567890abcdef')).toEqual({ errMsg: CASHIER_OK });
  });

  it('rejects a non-integer amount at issue', () => {
    const { cashier } = setup();
    expect(() => cashier.issue({ appId: 'wx1', amount: 1.5, description: 'x', onPaid: () => undefined })).toThrow(RangeError);
  });
});
