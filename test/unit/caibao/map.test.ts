import { mapOrderStatus, mapPaymentChannel, mapRefundStatus, parsePayTime } from '../../../server/gateways/caibao/map';

describe('Caibao status mapping', () => {
  it.each([
    ['WAIT_PAY', 'PENDING'],
    ['PAY_SUC', 'PAID'],
    ['REFUNDING', 'REFUNDING'],
    ['PART_REFUND', 'PARTIALLY_REFUNDED'],
    ['ALL_REFUND', 'REFUNDED'],
    ['CANCEL', 'CLOSED'],
    ['PAY_FAIL', 'FAILED'],
    [1, 'PENDING'],
    [2, 'PAID'],
    [6, 'PARTIALLY_REFUNDED'],
    [7, 'REFUNDED'],
    [8, 'CLOSED'],
    [9, 'CLOSED'],
    [-1, 'CLOSED'],
    [-2, 'FAILED'],
    ['2', 'PAID'],
    ['-1', 'CLOSED'],
  ] as const)('%p → %s', (raw, expected) => {
    expect(mapOrderStatus(raw)).toBe(expected);
  });

  it.each(['REVERSED', 'CLOSED', 'PAYING', 'pay_suc', 'SUCCESS', '', '0', '3', '4', '5', '10', 'toString', '__proto__', 2.5] as const)(
    'anything else (%p) is UNKNOWN, never PAID',
    (raw) => {
      expect(mapOrderStatus(raw)).toBe('UNKNOWN');
    },
  );

  it('only PAY_SUC and 2 mean PAID', () => {
    const paid = ['WAIT_PAY', 'PAY_SUC', 'REFUNDING', 'PART_REFUND', 'ALL_REFUND', 'CANCEL', 'PAY_FAIL', 'REVERSED', 'CLOSED', '1', '2', '6', '7', '8', '9', '-1', '-2'].filter(
      (raw) => mapOrderStatus(raw) === 'PAID',
    );
    expect(paid).toEqual(['PAY_SUC', '2']);
  });
});

describe('Caibao refund status (refundStatus)', () => {
  it.each([
    ['5', 'SUCCEEDED'],
    [' 5 ', 'SUCCEEDED'],
    ['-3', 'FAILED'],
    ['3', 'PENDING'],
    ['7', 'PENDING'],
    ['', 'PENDING'],
    ['SUCCESS', 'PENDING'],
    ['toString', 'PENDING'],
  ] as const)('%p → %s (only 5 and -3 are settled)', (raw, expected) => {
    expect(mapRefundStatus(raw)).toBe(expected);
  });
});

describe('Caibao payment channel mapping', () => {
  it.each([
    [1, 'alipay'],
    [2, 'wechat'],
    [3, 'baidu'],
    [4, 'bestpay'],
    ['1', 'alipay'],
    ['ALIPAY', 'alipay'],
    ['WECHAT', 'wechat'],
    ['wechat', 'wechat'],
    [5, 'unknown'],
    ['UNIONPAY', 'unknown'],
    [undefined, 'unknown'],
  ] as const)('%p → %s', (raw, expected) => {
    expect(mapPaymentChannel(raw)).toBe(expected);
  });
});

describe('payTime', () => {
  it('reads epoch ms (documented) and China time text (assumed); anything else is left out', () => {
    expect(parsePayTime('2026-01-02 10:20:30')?.toISOString()).toBe('2026-01-02T02:20:30.000Z');
    expect(parsePayTime('1700000000123')?.getTime()).toBe(1700000000123);
    expect(parsePayTime('yesterday')).toBeUndefined();
    expect(parsePayTime(undefined)).toBeUndefined();
  });

  it('never reads a date centuries off: a compact yyyyMMddHHmmss, other digit counts, impossible dates and times outside 2000–2100 are unreadable', () => {
    // 20260102102030 taken as epoch ms is 2612-01-07: neither documented form, so not a time at all.
    expect(parsePayTime('20260102102030')).toBeUndefined();
    expect(parsePayTime('170000000012')).toBeUndefined(); // 12 digits: 1975 as ms
    expect(parsePayTime('17000000001234')).toBeUndefined();
    expect(parsePayTime('9999999999999')).toBeUndefined(); // 13 digits, but the year 2286
    expect(parsePayTime('2612-01-07 06:08:22')).toBeUndefined();
    expect(parsePayTime('2026-02-30 10:20:30')).toBeUndefined();
    expect(parsePayTime('2026-01-02 24:00:00')).toBeUndefined();
    expect(parsePayTime(' 1767320430000 ')?.toISOString()).toBe('2026-01-02T02:20:30.000Z');
  });
});
