import { createSign, generateKeyPairSync } from 'node:crypto';
import { acknowledgement, parseNotification, readNotificationFields } from '../../../server/gateways/caibao/notification';
import { loadPublicKey } from '../../../server/gateways/caibao/verify';

const caibao = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicKey = loadPublicKey(caibao.publicKey.export({ type: 'spki', format: 'pem' }).toString());

const fields = {
  cbOrderNo: 'CB100',
  appOrderNo: 'ORDER-1',
  outOrderNo: '4200000001',
  orderStatus: 'PAY_SUC',
  totalAmount: '2990',
  receiveAmount: '2990',
  discountAmount: '0',
  paymentChannel: 'WECHAT',
  subject: '绿茶 x2',
  paymentWay: '',
  payTime: '2026-01-02 10:20:30',
};
// Every field but sign, sorted, empty ones (paymentWay) left out; written out by hand.
const SIGNED_TEXT =
  'appOrderNo=ORDER-1&cbOrderNo=CB100&discountAmount=0&orderStatus=PAY_SUC&outOrderNo=4200000001&payTime=2026-01-02 10:20:30&paymentChannel=WECHAT&receiveAmount=2990&subject=绿茶 x2&totalAmount=2990';
const sign = createSign('RSA-SHA256').update(Buffer.from(SIGNED_TEXT, 'utf8')).sign(caibao.privateKey, 'base64');

const form = (values: Record<string, string>) => Buffer.from(new URLSearchParams(values).toString());
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const JSON_TYPE = { 'Content-Type': 'application/json; charset=utf-8' };

const expected = {
  kind: 'verified',
  state: {
    orderNo: 'ORDER-1',
    status: 'PAID',
    rawStatus: 'PAY_SUC',
    amount: 2990,
    providerOrderId: 'CB100',
    paidAt: new Date('2026-01-02T02:20:30.000Z'),
  },
};

describe('Caibao notification parsing', () => {
  it('form-urlencoded: verified over all other non-empty fields, mapped to our state', () => {
    expect(parseNotification({ headers: FORM, body: form({ ...fields, sign }) }, publicKey)).toEqual(expected);
  });

  it('JSON (numbers allowed where Caibao sends numbers), header in any case', () => {
    const body = Buffer.from(JSON.stringify({ ...fields, totalAmount: 2990, receiveAmount: 2990, discountAmount: 0, sign }));
    expect(parseNotification({ headers: JSON_TYPE, body }, publicKey)).toEqual(expected);
  });

  it('without a usable content type the body is sniffed', () => {
    expect(parseNotification({ headers: {}, body: form({ ...fields, sign }) }, publicKey)).toEqual(expected);
    expect(parseNotification({ headers: { 'content-type': 'text/plain' }, body: Buffer.from(` ${JSON.stringify({ ...fields, sign })}`) }, publicKey)).toEqual(expected);
  });

  it('a tampered field, a missing or foreign signature → SIGNATURE_INVALID', () => {
    const code = (body: Buffer, headers: Record<string, string> = FORM) => {
      try {
        parseNotification({ headers, body }, publicKey);
        return 'accepted';
      } catch (err) {
        return (err as { code?: string }).code;
      }
    };
    expect(code(form({ ...fields, totalAmount: '1', sign }))).toBe('SIGNATURE_INVALID');
    expect(code(form({ ...fields, orderStatus: 'WAIT_PAY', sign }))).toBe('SIGNATURE_INVALID');
    expect(code(form({ ...fields, extra: 'x', sign }))).toBe('SIGNATURE_INVALID');
    expect(code(form(fields))).toBe('SIGNATURE_INVALID');
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect(code(form({ ...fields, sign: createSign('RSA-SHA256').update(SIGNED_TEXT).sign(stranger.privateKey, 'base64') }))).toBe('SIGNATURE_INVALID');
    expect(code(Buffer.from(JSON.stringify({ ...fields, nested: { a: 1 }, sign })), JSON_TYPE)).toBe('SIGNATURE_INVALID');
  });

  it('an unreadable body → INVALID_ARGUMENT', () => {
    const code = (body: string, headers: Record<string, string>) => {
      try {
        parseNotification({ headers, body: Buffer.from(body) }, publicKey);
        return 'accepted';
      } catch (err) {
        return (err as { code?: string }).code;
      }
    };
    expect(code('{not json', JSON_TYPE)).toBe('INVALID_ARGUMENT');
    expect(code('[1,2]', JSON_TYPE)).toBe('INVALID_ARGUMENT');
    expect(code('', FORM)).toBe('INVALID_ARGUMENT');
    expect(code(`${new URLSearchParams({ ...fields, sign }).toString()}&totalAmount=1`, FORM)).toBe('INVALID_ARGUMENT');
  });

  it('a signed notification without the fields we need is still refused', () => {
    const partial = { cbOrderNo: 'CB1', orderStatus: 'PAY_SUC' };
    const partialSign = createSign('RSA-SHA256').update('cbOrderNo=CB1&orderStatus=PAY_SUC').sign(caibao.privateKey, 'base64');
    expect(() => parseNotification({ headers: FORM, body: form({ ...partial, sign: partialSign }) }, publicKey)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });

  it('a signed amount beyond a safe integer is INVALID_ARGUMENT, not a crash', () => {
    for (const totalAmount of ['99999999999999999999', 1e20]) {
      const values = { appOrderNo: 'ORDER-1', orderStatus: 'PAY_SUC', totalAmount };
      const text = `appOrderNo=ORDER-1&orderStatus=PAY_SUC&totalAmount=${String(totalAmount)}`;
      const bigSign = createSign('RSA-SHA256').update(text).sign(caibao.privateKey, 'base64');
      const body = Buffer.from(JSON.stringify({ ...values, sign: bigSign }));
      expect(() => parseNotification({ headers: JSON_TYPE, body }, publicKey)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    }
  });

  it('decodes form values (+, %XX, UTF-8) before verifying', () => {
    expect(readNotificationFields({ headers: FORM, body: Buffer.from('subject=%E7%BB%BF%E8%8C%B6+x2&a=1') })).toEqual({ subject: '绿茶 x2', a: '1' });
  });

  it('acknowledge(true) is exactly "success"', () => {
    expect(acknowledgement(true)).toEqual({ statusCode: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'success' });
    expect(acknowledgement(false).body).not.toBe('success');
  });
});
