import { GatewayError } from '../../../server/gateways/contract';
import {
  mapRefundStatus,
  mapTransactionStatus,
  parseCloudpayParam,
  parseTransactionTime,
  toOrderState,
  toRefundResult,
  toRequestPaymentParams,
} from '../../../server/gateways/quickpay/map';
import { parse } from '../../../server/gateways/pipeline/call';
import { payResultInfoSchema } from '../../../server/gateways/quickpay/types';
import { toFen } from '../../../server/platform/money';
import { stageError } from './fixtures';

const readPayResult = (data: unknown) => parse(payResultInfoSchema, data);

describe('mapTransactionStatus', () => {
  it.each([
    ['CREATE', 'PENDING'],
    ['PAYING', 'PENDING'],
    ['SUCCESSED', 'PAID'],
    ['FAILED', 'FAILED'],
    ['UNKNOWN', 'UNKNOWN'],
    ['REFUNDED', 'REFUNDED'],
    ['REFUNDFAILED', 'UNKNOWN'],
    ['SUCCESS', 'UNKNOWN'],
    ['SUCCEEDED', 'UNKNOWN'],
    ['successed', 'UNKNOWN'],
    ['', 'UNKNOWN'],
    ['toString', 'UNKNOWN'],
    ['__proto__', 'UNKNOWN'],
  ])('%j → %s', (raw, status) => expect(mapTransactionStatus(raw)).toBe(status));

  it('maps only SUCCESSED to PAID', () => {
    const paid = ['CREATE', 'PAYING', 'SUCCESSED', 'FAILED', 'UNKNOWN', 'REFUNDED', 'REFUNDFAILED', 'PAID', 'OK'].filter((s) => mapTransactionStatus(s) === 'PAID');
    expect(paid).toEqual(['SUCCESSED']);
  });
});

describe('mapRefundStatus', () => {
  it.each([
    ['REFUNDED', 'SUCCEEDED'],
    ['REFUNDFAILED', 'FAILED'],
    ['FAILED', 'FAILED'],
    ['PAYING', 'PENDING'],
    ['whatever', 'PENDING'],
  ])('%s → %s', (raw, status) => expect(mapRefundStatus(raw)).toBe(status));
});

const good = {
  appId: 'wx0123456789abcdef',
  timeStamp: '1700000000',
  nonceStr: 'abc123',
  package: 'prepay_id=wx2017',
  signType: 'MD5',
  paySign: 'ABCDEF0123',
};

describe('parseCloudpayParam', () => {
  it('parses the JSON string and hands the five fields over unchanged', () => {
    const param = parseCloudpayParam(JSON.stringify(good));
    expect(param).toEqual(good);
    expect(toRequestPaymentParams(param)).toEqual({ timeStamp: '1700000000', nonceStr: 'abc123', package: 'prepay_id=wx2017', signType: 'MD5', paySign: 'ABCDEF0123' });
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['not JSON', '{appId:'],
    ['numeric timeStamp', JSON.stringify({ ...good, timeStamp: 1700000000 })],
    ['no paySign', JSON.stringify({ ...good, paySign: undefined })],
    ['bad package', JSON.stringify({ ...good, package: 'wx2017' })],
    ['bad signType', JSON.stringify({ ...good, signType: 'SHA1' })],
  ])('%s → PROVIDER_UNAVAILABLE, outcome unknown', (_name, text) => {
    const err = stageError(() => parseCloudpayParam(text), 'QuickPay/JSAPIPay');
    expect(err).toBeInstanceOf(GatewayError);
    expect(err.code).toBe('PROVIDER_UNAVAILABLE');
    expect(err.outcome).toBe('unknown');
  });
});

describe('readPayResult / toOrderState', () => {
  it('reads a paid order', () => {
    const info = readPayResult(
      { transaction_status: 'SUCCESSED', store_no: 'S1', order_no: 'O1', total_amount: 1234, transaction_no: 'T9', transaction_time: '2024-01-02 03:04:05', extra: 1 });
    expect(toOrderState(info, 'O1', 'S1')).toEqual({
      orderNo: 'O1',
      status: 'PAID',
      rawStatus: 'SUCCESSED',
      amount: toFen(1234),
      merchantId: 'S1',
      providerOrderId: 'T9',
      paidAt: new Date('2024-01-01T19:04:05Z'),
    });
  });

  it('refuses an answer for another order or store, or an unreadable one', () => {
    const info = readPayResult({ transaction_status: 'SUCCESSED', order_no: 'O2' });
    expect(stageError(() => toOrderState(info, 'O1', 'S1')).outcome).toBe('unknown');
    const otherStore = readPayResult({ transaction_status: 'SUCCESSED', order_no: 'O1', store_no: 'S2' });
    expect(stageError(() => toOrderState(otherStore, 'O1', 'S1')).message).toContain('another store');
    for (const data of [null, 'x', { transaction_status: 3 }, { transaction_status: 'CREATE', total_amount: 1.5 }]) {
      const err = stageError(() => readPayResult(data));
      expect(err.code).toBe('PROVIDER_UNAVAILABLE');
      expect(err.outcome).toBe('unknown');
    }
  });

  it('builds a refund result from the request amount', () => {
    expect(toRefundResult(readPayResult({ transaction_status: 'REFUNDED', transaction_no: 'R9' }), 'RF1', toFen(5))).toEqual({
      refundNo: 'RF1',
      status: 'SUCCEEDED',
      rawStatus: 'REFUNDED',
      refundAmount: 5,
      providerRefundId: 'R9',
    });
  });
});

describe('parseTransactionTime', () => {
  it.each([
    ['2024-01-02 03:04:05', '2024-01-01T19:04:05.000Z'],
    ['20240102030405', '2024-01-01T19:04:05.000Z'],
    ['2024-01-02T03:04:05+08:00', '2024-01-01T19:04:05.000Z'],
    ['2024-01-02T03:04:05Z', '2024-01-02T03:04:05.000Z'],
  ])('%s', (text, iso) => expect(parseTransactionTime(text)?.toISOString()).toBe(iso));
  it.each([[undefined], [''], ['sample string 12'], ['2024-01-02']])('leaves out %j', (text) => expect(parseTransactionTime(text)).toBeUndefined());
});
