import { createSign, generateKeyPairSync } from 'node:crypto';
import { answerVerifies, loadPublicKey, rsa2Verifies } from '../../../server/gateways/caibao/verify';
import type { CommandName } from '../../../server/gateways/caibao/types';

const caibao = generateKeyPairSync('rsa', { modulusLength: 2048 });
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicPem = caibao.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const publicKey = loadPublicKey(publicPem);

function rsa2(text: string, key = caibao.privateKey): string {
  return createSign('RSA-SHA256').update(Buffer.from(text, 'utf8')).sign(key, 'base64');
}

// The documented open.pay.mp signed fields, sorted by hand: timeStamp (capital S) before timestamp.
const MP_STRING =
  'appId=wxmini&nonceStr=n0nce&package=prepay_id=wx123&paySign=ABCDEF&signType=MD5&timeStamp=1700000000&timestamp=1700000000123';
const mpData = {
  appId: 'wxmini',
  timeStamp: '1700000000',
  nonceStr: 'n0nce',
  package: 'prepay_id=wx123',
  signType: 'MD5',
  paySign: 'ABCDEF',
  timestamp: 1700000000123,
  sign: rsa2(MP_STRING),
};

/** The pipeline's reading of the verify stage: a signature that does not verify is `forged`, classified SIGNATURE_INVALID. */
function codeOf(check: () => boolean): string | undefined {
  return check() ? undefined : 'SIGNATURE_INVALID';
}
const verifyAnswer = (command: CommandName, data: Record<string, unknown>, key: typeof publicKey) => answerVerifies(command, data, key);

describe('Caibao RSA2 answer verification', () => {
  it('accepts an open.pay.mp answer signed over the documented fields (no key appended)', () => {
    expect(codeOf(() => verifyAnswer('open.pay.mp', mpData, publicKey))).toBeUndefined();
  });

  it('rejects a tampered signed field', () => {
    expect(codeOf(() => verifyAnswer('open.pay.mp', { ...mpData, paySign: 'ABCDEG' }, publicKey))).toBe('SIGNATURE_INVALID');
    expect(codeOf(() => verifyAnswer('open.pay.mp', { ...mpData, timeStamp: '1700000001' }, publicKey))).toBe('SIGNATURE_INVALID');
  });

  it('rejects a signature by another key, a missing one and a malformed one', () => {
    expect(codeOf(() => verifyAnswer('open.pay.mp', { ...mpData, sign: rsa2(MP_STRING, stranger.privateKey) }, publicKey))).toBe('SIGNATURE_INVALID');
    const { sign: _dropped, ...unsigned } = mpData;
    expect(codeOf(() => verifyAnswer('open.pay.mp', unsigned, publicKey))).toBe('SIGNATURE_INVALID');
    expect(codeOf(() => verifyAnswer('open.pay.mp', { ...mpData, sign: `${mpData.sign}!!!!` }, publicKey))).toBe('SIGNATURE_INVALID');
  });

  it('a signature made with the keys in localeCompare order does not verify', () => {
    const wrongOrder =
      'appId=wxmini&nonceStr=n0nce&package=prepay_id=wx123&paySign=ABCDEF&signType=MD5&timestamp=1700000000123&timeStamp=1700000000';
    expect(codeOf(() => verifyAnswer('open.pay.mp', { ...mpData, sign: rsa2(wrongOrder) }, publicKey))).toBe('SIGNATURE_INVALID');
  });

  it('open.pay.scan: unsigned 1.1 fields (subject) may differ, signed ones may not', () => {
    const scan = { qrCode: 'https://qr/1', localOrderNo: 'N1', cbOrderNo: 'CB1', totalAmount: 100, paymentChannel: 2, timestamp: 5 };
    const sign = rsa2('cbOrderNo=CB1&localOrderNo=N1&paymentChannel=2&qrCode=https://qr/1&timestamp=5&totalAmount=100');
    expect(codeOf(() => verifyAnswer('open.pay.scan', { ...scan, subject: '绿茶', sign }, publicKey))).toBeUndefined();
    expect(codeOf(() => verifyAnswer('open.pay.scan', { ...scan, totalAmount: 1, sign }, publicKey))).toBe('SIGNATURE_INVALID');
  });

  it('loads a PEM whose newlines came as literal \\n (environment variables)', () => {
    const flattened = publicPem.trim().split('\n').join('\\n');
    const key = loadPublicKey(flattened);
    expect(rsa2Verifies(mpData, ['appId', 'nonceStr', 'package', 'paySign', 'signType', 'timeStamp', 'timestamp'], key)).toBe(true);
  });
});
