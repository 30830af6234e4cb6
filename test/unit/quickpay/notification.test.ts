import { GatewayError } from '../../../server/gateways/contract';
import { parseQuickpayNotification, quickpayAcknowledgement } from '../../../server/gateways/quickpay/notification';
import { thrown } from './fixtures';

const incoming = (body: string) => ({ headers: { 'content-type': 'application/json' }, body: Buffer.from(body, 'utf8') });
const info = { transaction_status: 'SUCCESSED', store_no: 'STORE0001', order_no: 'ORD1', total_amount: 100 };

describe('parseQuickpayNotification', () => {
  it('takes only the order number from a bare PayResultInfo', () => {
    expect(parseQuickpayNotification(incoming(JSON.stringify(info)), 'STORE0001')).toEqual({ kind: 'hint', orderNo: 'ORD1' });
  });

  it('accepts the {code, msg, data} wrapping', () => {
    expect(parseQuickpayNotification(incoming(JSON.stringify({ code: 'SUCCESS', msg: '', data: info })), 'STORE0001')).toEqual({ kind: 'hint', orderNo: 'ORD1' });
  });

  it('accepts a notification without store_no (the query checks the store)', () => {
    expect(parseQuickpayNotification(incoming(JSON.stringify({ order_no: 'ORD2' })), 'STORE0001')).toEqual({ kind: 'hint', orderNo: 'ORD2' });
  });

  it('never turns a notification into a verified state, even one saying SUCCESSED', () => {
    expect(parseQuickpayNotification(incoming(JSON.stringify(info)), 'STORE0001').kind).toBe('hint');
  });

  it('accepts form fields (application/x-www-form-urlencoded): the body format is an assumption', () => {
    const form = { headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: Buffer.from('transaction_status=SUCCESSED&store_no=STORE0001&order_no=ORD3&total_amount=100') };
    expect(parseQuickpayNotification(form, 'STORE0001')).toEqual({ kind: 'hint', orderNo: 'ORD3' });
  });

  it('reads either format when no content type is declared', () => {
    const bare = (body: string) => ({ headers: {}, body: Buffer.from(body) });
    expect(parseQuickpayNotification(bare('order_no=ORD4&store_no=STORE0001'), 'STORE0001')).toEqual({ kind: 'hint', orderNo: 'ORD4' });
    expect(parseQuickpayNotification(bare(JSON.stringify(info)), 'STORE0001')).toEqual({ kind: 'hint', orderNo: 'ORD1' });
  });

  it('refuses form fields for another store, or without order_no', () => {
    const form = (body: string) => ({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: Buffer.from(body) });
    expect((thrown(() => parseQuickpayNotification(form('order_no=ORD3&store_no=OTHER'), 'STORE0001')) as GatewayError).code).toBe('SIGNATURE_INVALID');
    expect((thrown(() => parseQuickpayNotification(form('transaction_status=SUCCESSED'), 'STORE0001')) as GatewayError).code).toBe('INVALID_ARGUMENT');
  });

  it('refuses another store', () => {
    const err = thrown(() => parseQuickpayNotification(incoming(JSON.stringify({ ...info, store_no: 'OTHER' })), 'STORE0001')) as GatewayError;
    expect(err.code).toBe('SIGNATURE_INVALID');
  });

  it.each([
    ['garbage', 'order_no=ORD1&x'],
    ['empty', ''],
    ['JSON without order_no', '{"transaction_status":"SUCCESSED"}'],
    ['order_no too long', JSON.stringify({ order_no: 'x'.repeat(33) })],
    ['order_no not a string', JSON.stringify({ order_no: 42 })],
    ['array', '[]'],
    ['null', 'null'],
  ])('refuses %s with INVALID_ARGUMENT', (_name, body) => {
    const err = thrown(() => parseQuickpayNotification(incoming(body), 'STORE0001')) as GatewayError;
    expect(err).toBeInstanceOf(GatewayError);
    expect(err.code).toBe('INVALID_ARGUMENT');
  });
});

describe('quickpayAcknowledgement', () => {
  it('answers SUCCESS when processed and a non-OK reply otherwise, so QuickPay retries', () => {
    expect(quickpayAcknowledgement(true)).toEqual({ statusCode: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'SUCCESS' });
    const retry = quickpayAcknowledgement(false);
    expect(retry.statusCode).toBe(500);
    expect(['OK', 'SUCCESS']).not.toContain(retry.body);
  });
});
