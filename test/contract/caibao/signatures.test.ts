/**
 * Signatures both ways, and secrets: the sandbox refuses a bad MD5 (errors.test.ts has the
 * details); the adapter refuses answers and notifications whose RSA2 signature was made with
 * another key or whose signed field was altered after signing; the MD5 key never appears in a log
 * line, an error or an answer.
 */
import { createSign, generateKeyPairSync } from 'node:crypto';
import { caibaoModule } from '../../../server/gateways/caibao';
import type { PaymentOrder } from '../../../server/gateways/contract';
import { AppError } from '../../../server/platform/errors';
import { toFen } from '../../../server/platform/money';
import { errorOf, orderNo, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterEach(() => {
  h.sandbox.signatureFaults.answers = undefined;
  h.sandbox.signatureFaults.notifications = undefined;
  h.sandbox.notifier.clearFaults();
});
afterAll(async () => {
  await h.close();
});

const payer = { appId: 'wxminiapp0001', openId: 'oPayer-123' };
const order = (): PaymentOrder => ({ orderNo: orderNo(), amount: toFen(1200), description: '乌龙茶', lines: [] });

describe('adapter refuses answers Caibao did not sign', () => {
  it.each(['foreignKey', 'alteredField'] as const)('open.pay.mp answer with %s → SIGNATURE_INVALID, outcome unknown', async (fault) => {
    h.sandbox.signatureFaults.answers = fault;
    const err = await errorOf(h.gateway.createJsapi(order(), payer));
    expect(err).toMatchObject({ code: 'SIGNATURE_INVALID', outcome: 'unknown' });
  });

  it.each(['foreignKey', 'alteredField'] as const)('open.pay.scan and open.pay.query answers with %s are refused too', async (fault) => {
    const o = order();
    await h.gateway.createQr!(o, 'wechat');
    h.sandbox.signatureFaults.answers = fault;
    expect(await errorOf(h.gateway.createQr!(o, 'wechat'))).toMatchObject({ code: 'SIGNATURE_INVALID' });
    expect(await errorOf(h.gateway.query(o.orderNo))).toMatchObject({ code: 'SIGNATURE_INVALID' });
  });
});

describe('adapter refuses notifications Caibao did not sign', () => {
  it.each(['foreignKey', 'alteredField'] as const)('a notification with %s is not trusted and not acknowledged (Caibao retries)', async (fault) => {
    h.sandbox.signatureFaults.notifications = fault;
    const o = order();
    const payment = await h.gateway.createJsapi(o, payer);
    await h.cashier.pay(payment.params);
    const received = await h.receivedFor(o.orderNo, 2);
    expect(received.slice(0, 2).map((r) => [r.errorCode, r.parsed])).toEqual([
      ['SIGNATURE_INVALID', undefined],
      ['SIGNATURE_INVALID', undefined],
    ]);
    const attempts = h.sandbox.notifier.deliveries.filter((d) => d.body.includes(o.orderNo));
    expect(attempts.every((d) => !d.acknowledged && d.replyText === 'fail')).toBe(true);
    // The merchant asks instead of trusting: the signed query answer says PAID.
    expect((await h.gateway.query(o.orderNo)).status).toBe('PAID');
  });

  it('a notification forged by someone else is refused by parseNotification', () => {
    const forger = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const fields: Record<string, string> = { appOrderNo: 'X1', cbOrderNo: 'CB1', orderStatus: 'PAY_SUC', totalAmount: '1' };
    const text = Object.keys(fields)
      .sort()
      .map((k) => `${k}=${fields[k]}`)
      .join('&');
    const sign = createSign('RSA-SHA256').update(text).sign(forger.privateKey, 'base64');
    const body = Buffer.from(new URLSearchParams({ ...fields, sign }).toString());
    expect(() => h.gateway.parseNotification({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, body })).toThrow(
      expect.objectContaining({ code: 'SIGNATURE_INVALID' }),
    );
  });
});

describe('the MD5 key stays secret', () => {
  it('never appears in logs, errors or answers, even when Caibao refuses the signature', async () => {
    const key = h.sandbox.credentials.key;
    const wrongKey = 'wrong-merchant-key-123456';
    const misconfigured = caibaoModule.fromEnv({ ...h.env, CAIBAO_KEY: wrongKey });
    const errors: unknown[] = [];
    for (const attempt of [
      () => misconfigured.createJsapi(order(), payer),
      () => misconfigured.query('NOPE'),
      () => h.gateway.query('NOPE'),
      () => h.gateway.createJsapi({ ...order(), amount: toFen(0) }, payer),
    ]) {
      errors.push(await attempt().catch((err: unknown) => err));
    }
    expect(errors.map((e) => (e as AppError).code)).toEqual(['PROVIDER_REJECTED', 'PROVIDER_REJECTED', 'PROVIDER_REJECTED', 'INVALID_ARGUMENT']);
    const everything = [...h.logs, ...errors.map((e) => `${(e as Error).message} ${JSON.stringify(e)}`), ...h.received.map((r) => r.body)].join('\n');
    expect(h.logs.length).toBeGreaterThan(0);
    expect(everything).not.toContain(key);
    expect(everything).not.toContain(wrongKey);
  });

  it('a configuration error names the variable, never the key', () => {
    const key = 'config-secret-value-987';
    let message = '';
    try {
      caibaoModule.fromEnv({ ...h.env, CAIBAO_KEY: key, CAIBAO_PUBLIC_KEY: `not a pem ${key}` });
    } catch (err) {
      expect(err).toMatchObject({ code: 'CONFIG_INVALID' });
      message = (err as Error).message;
    }
    expect(message).toContain('CAIBAO_PUBLIC_KEY');
    expect(message).not.toContain(key);
  });
});
