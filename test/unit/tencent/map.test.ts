import { mapRefundState, mapTradeState, toProviderOrderState, toRefundResult, toRequestPaymentParams } from '../../../server/gateways/tencent/map';
import { WxpayOrderState, WxpayRefundOrderState } from '../../../server/gateways/tencent/types';

describe('current_trade_state → status (exhaustive over the documented values)', () => {
  const expected: Record<number, string> = {
    1: 'PENDING',
    2: 'UNKNOWN',
    3: 'PAID',
    4: 'REFUNDING',
    5: 'FAILED',
    6: 'PENDING',
    7: 'CLOSED',
    8: 'CLOSED',
    9: 'PENDING',
    10: 'FAILED',
    11: 'CLOSED',
    12: 'UNKNOWN',
    13: 'UNKNOWN',
    14: 'UNKNOWN',
  };

  it('covers every documented state', () => {
    expect(Object.values(WxpayOrderState).sort((a, b) => a - b)).toEqual(Object.keys(expected).map(Number));
  });

  it.each(Object.entries(expected))('%s → %s', (state, status) => {
    expect(mapTradeState(Number(state))).toBe(status);
  });

  it('only 3 is PAID', () => {
    const paid = Object.values(WxpayOrderState).filter((s) => mapTradeState(s) === 'PAID');
    expect(paid).toEqual([3]);
  });

  it.each([0, 15, -1, 100])('undocumented %i → UNKNOWN', (state) => {
    expect(mapTradeState(state)).toBe('UNKNOWN');
  });
});

describe('refund state → refund status', () => {
  it.each([
    [WxpayRefundOrderState.INITIAL, 'PENDING'],
    [WxpayRefundOrderState.SUCCEEDED, 'SUCCEEDED'],
    [WxpayRefundOrderState.FAILED, 'FAILED'],
    [WxpayRefundOrderState.PROCESSING, 'PENDING'],
    [WxpayRefundOrderState.RETURNED_TO_MERCHANT, 'FAILED'],
    [WxpayRefundOrderState.VOID, 'FAILED'],
    [42, 'PENDING'],
  ])('%i → %s', (state, status) => {
    expect(mapRefundState(state)).toBe(status);
  });

  it('covers every documented state (1–6)', () => {
    expect(Object.values(WxpayRefundOrderState).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('5 (money back with the merchant) says a person must act; no other state does', () => {
    const content = (state: number) => ({
      out_refund_no: 'sz01R1',
      out_trade_no: 'sz01A1',
      total_fee: 100,
      refund_fee: 100,
      wxpay_refund_order_content_ext: { state },
    });
    const five = toRefundResult(content(5));
    expect(five.status).toBe('FAILED');
    expect(five.manualActionRequired).toMatch(/sub-merchant's cash account.*by hand/);
    for (const state of [1, 2, 3, 4, 6]) expect(toRefundResult(content(state))).not.toHaveProperty('manualActionRequired');
  });
});

describe('order content → ProviderOrderState', () => {
  const mch = { pay_platform: 1, out_mch_id: 'm', out_sub_mch_id: 'sub-1', out_shop_id: 's' };

  it('carries amount, merchant, transaction id and paid time for a paid order', () => {
    const state = toProviderOrderState(
      {
        out_trade_no: 'sz01A1',
        transaction_id: '4200001',
        total_fee: 1234,
        time_end: 1_700_000_000,
        wxpay_order_content_ext: { current_trade_state: 3 },
      },
      mch,
    );
    expect(state).toEqual({
      orderNo: 'sz01A1',
      status: 'PAID',
      rawStatus: '3',
      amount: 1234,
      merchantId: 'sub-1',
      providerOrderId: '4200001',
      paidAt: new Date(1_700_000_000_000),
    });
  });

  it('without a trade state the status is UNKNOWN', () => {
    expect(toProviderOrderState({ out_trade_no: 'sz01A1' }, mch)).toMatchObject({ status: 'UNKNOWN', rawStatus: 'missing' });
  });
});

it('get_brand_wcpay is passed to wx.requestPayment unchanged', () => {
  expect(
    toRequestPaymentParams({
      app_id: 'wx369ab4160391b078',
      timestamp: '1567067258',
      nonce_str: '5cee0f921bc24254140045e4fe22483b',
      package: 'prepay_id=wx2916273827558523ae1a04971089444300',
      sign_type: 'MD5',
      pay_sign: '35E6E610203BCC85603B0A2C7996BB03',
    }),
  ).toEqual({
    timeStamp: '1567067258',
    nonceStr: '5cee0f921bc24254140045e4fe22483b',
    package: 'prepay_id=wx2916273827558523ae1a04971089444300',
    signType: 'MD5',
    paySign: '35E6E610203BCC85603B0A2C7996BB03',
  });
});
