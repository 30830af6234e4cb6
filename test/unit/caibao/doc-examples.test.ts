import * as v from 'valibot';
/**
 * Caibao's own pages, verbatim (test/fixtures/caibao/), against the adapter AND the sandbox, each
 * on its own: request tables, annotated answer examples (which fields are signed), the signing
 * page's worked example, the published public key, the notification page and the terms page.
 * The answer examples carry sign "", so no example signature can be verified: their shape and
 * marked fields are checked as written, and signatures on the same shapes filled in and signed
 * with a test key.
 */
import { createSign, generateKeyPairSync } from 'node:crypto';
import { COMMAND_SPECS } from '../../../server/gateways/caibao/commands';
import { goodsListOf } from '../../../server/gateways/caibao/build';
import { mapOrderStatus, mapPaymentChannel, mapRefundStatus } from '../../../server/gateways/caibao/map';
import { acknowledgement } from '../../../server/gateways/caibao/notification';
import { readCaibaoEnvelope } from '../../../server/gateways/caibao/protocol';
import { settingsFromEnv } from '../../../server/gateways/caibao/settings';
import { md5Sign, signingString } from '../../../server/gateways/caibao/sign';
import { notificationSchema, queryAnswerSchema, refundAnswerSchema, type CommandName } from '../../../server/gateways/caibao/types';
import { answerVerifies, loadPublicKey } from '../../../server/gateways/caibao/verify';
import { classify } from '../../../server/gateways/pipeline';
import { toFen } from '../../../server/platform/money';
import {
  answerSignedNames,
  COMMAND_PAGES,
  NOTIFICATION_FIELDS,
  NOTIFIED_CHANNELS,
  NOTIFIED_STATUSES,
  ORDER_STATUS_NUMBER,
  PAYMENT_CHANNEL_NUMBER,
  PAYMENT_WAYS,
  REFUND_STATUS,
  REVERSE_REFUSALS,
} from '../../../sandbox/caibao/pages';
import { md5SignatureMatches } from '../../../sandbox/caibao/signing';
import { answerExample, fixture, requestTable, tableAfter, tableRows, unescape } from './doc-pages';

const COMMANDS: ReadonlyArray<readonly [CommandName, string]> = [
  ['open.pay.mp', 'mp'],
  ['open.pay.scan', 'scan'],
  ['open.pay.query', 'query'],
  ['open.pay.refund', 'refund'],
  ['open.pay.reverse', 'reverse'],
];
const sorted = (names: Iterable<string>) => [...names].sort();

describe('qian-ming-gui-ze.md: the worked signing example', () => {
  const text = fixture('signing-example.md');
  // The last row reads "|  | goods_list |"; the page's note says goods_list was empty, so that is what it means.
  const fields = Object.fromEntries(tableRows(text).map(([name = '', value = '']) => (name === '' ? [value, ''] : [name, value])));
  const [stringLine = '', resultLine = ''] = text.split('\n').filter((line) => line.startsWith('> '));
  const documentedString = unescape(stringLine.slice(2));
  const documentedSign = resultLine.slice(2).trim();
  const key = /合作秘钥的值设为：(\w+)/.exec(text)?.[1] ?? '';

  it('reads the example as the page states it', () => {
    expect(key).toBe('thisistestkey');
    expect(documentedSign).toBe('37fd31004368f9e616f277c6436985eb');
    expect(Object.keys(fields)).toEqual(['barcode', 'local_order_no', 'app', 'operator_id', 'amount', 'un_discount_amount', 'timestamp', 'subject', 'goods_list']);
  });

  it('adapter: the same string to sign and the same MD5', () => {
    expect(`${signingString(fields, Object.keys(fields))}&key=${key}`).toBe(documentedString);
    expect(md5Sign(fields, Object.keys(fields), key)).toBe(documentedSign);
  });

  it('sandbox: accepts exactly that signature', () => {
    expect(md5SignatureMatches(fields, Object.keys(fields), key, documentedSign)).toBe(true);
    expect(md5SignatureMatches({ ...fields, amount: '101' }, Object.keys(fields), key, documentedSign)).toBe(false);
  });
});

describe.each(COMMANDS)('%s request table', (command, file) => {
  const rows = requestTable(`${file}-request-table.md`);
  const required = (text: string) => (text === '是' ? 'yes' : text.startsWith('否，与') ? 'one of' : text === '否' ? 'no' : `? ${text}`);

  it('adapter: the same fields, required and signed as the table says', () => {
    const adapter = COMMAND_SPECS[command].fields.map((f) => [f.name, f.required === true ? 'yes' : f.required === false ? 'no' : f.required, f.signed]);
    expect(sorted(adapter.map((row) => JSON.stringify(row)))).toEqual(sorted(rows.map((r) => JSON.stringify([r.name, required(r.required), r.signed]))));
  });

  it('sandbox: the same fields, types, required and signed as the table says', () => {
    const table = rows.map((r) => JSON.stringify([r.name, r.type, required(r.required), r.signed]));
    const sandbox = Object.entries(COMMAND_PAGES[command]?.params ?? {}).map(([name, p]) =>
      JSON.stringify([name, p.type, p.required === 'oneOfOrderNumbers' ? 'one of' : p.required, p.signed]),
    );
    // The query page's answer names version ≥ 1.1, so the sandbox also takes an optional version there.
    const inferred = command === 'open.pay.query' ? [JSON.stringify(['version', 'String', 'no', false])] : [];
    expect(sorted(sandbox)).toEqual(sorted([...table, ...inferred]));
  });
});

describe.each(COMMANDS)('%s answer example', (command, file) => {
  const example = answerExample(`${file}-answer-example.txt`);
  const caibao = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const publicKey = loadPublicKey(caibao.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'));

  const SAMPLE: Record<string, string> = {
    localOrderNo: 'N20260102001',
    cbOrderNo: 'CB20260102000001',
    outOrderNo: '4200000001',
    orderStatus: '2',
    subject: '绿茶 x2',
    paymentChannel: '2',
    paymentWay: 'SCAN',
    payTime: '1767320430000',
    totalAmount: '2990',
    receiveAmount: '2990',
    refundAmount: '0',
    refundTime: '1767320440000',
    timestamp: '1767320450123',
    discountAmount: '0',
    refundStatus: '5',
    qrCode: 'https://qr.example/CB1',
    appId: 'wxminiapp0001',
    timeStamp: '1767320450',
    nonceStr: 'n0nce',
    package: 'prepay_id=wx123',
    signType: 'MD5',
    paySign: 'PAYSIGN',
  };
  const filled = Object.fromEntries(Object.keys(example.data).filter((n) => n !== 'sign').map((n) => [n, SAMPLE[n] ?? `x-${n}`]));
  // Written independently of both sides: sorted k=v&… over the members the example marks 参与签名.
  const signedText = sorted(example.signed).map((n) => `${n}=${filled[n] ?? ''}`).join('&');
  const signedData = { ...filled, sign: createSign('RSA-SHA256').update(signedText, 'utf8').sign(caibao.privateKey, 'base64') };

  it('the example is an error envelope (errorCode "10") whose data has a sign member', () => {
    expect(example.result).toEqual({ success: false, errorCode: '10', errorMsg: 'command参数为空' });
    expect(Object.keys(example.data)).toContain('sign');
    expect(example.signed).not.toContain('sign');
  });

  it('adapter and sandbox sign-check exactly the members the example marks 参与签名', () => {
    expect(sorted(COMMAND_SPECS[command].answerSigned)).toEqual(sorted(example.signed));
    expect(sorted(answerSignedNames(COMMAND_PAGES[command]!))).toEqual(sorted(example.signed));
    const since11 = COMMAND_PAGES[command]!.answer.filter((f) => f.since11).map((f) => f.name);
    expect(sorted(since11)).toEqual(sorted(example.since11));
    const sandboxMembers = COMMAND_PAGES[command]!.answer.map((f) => f.name);
    expect(sorted([...sandboxMembers, 'sign'])).toEqual(sorted(Object.keys(example.data)));
  });

  it('adapter: reads the example envelope as a refusal with code 10, classified PROVIDER_REJECTED', () => {
    const envelope = readCaibaoEnvelope(Buffer.from(JSON.stringify({ result: example.result, data: example.data })));
    expect(envelope).toMatchObject({ verdict: 'refused', code: '10', message: 'command参数为空' });
    expect(classify('caibao', command, { kind: 'refused', envelope })).toMatchObject({ code: 'PROVIDER_REJECTED', outcome: 'rejected', providerCode: '10' });
  });

  it('adapter: verifies the example shape filled in and signed; unsigned members may change, signed ones may not', () => {
    expect(answerVerifies(command, signedData, publicKey)).toBe(true);
    for (const name of Object.keys(filled)) {
      const changed = { ...signedData, [name]: `${filled[name] ?? ''}9` };
      expect([name, answerVerifies(command, changed, publicKey)]).toEqual([name, !example.signed.includes(name)]);
    }
  });
});

describe('answers read as the examples show them (values "" included)', () => {
  it('open.pay.query: the verbatim data reads; empty amounts are absent', () => {
    const parsed = v.parse(queryAnswerSchema, answerExample('query-answer-example.txt').data);
    expect(parsed).toMatchObject({ localOrderNo: '', orderStatus: '', totalAmount: undefined, refundAmount: undefined });
    expect(mapOrderStatus(parsed.orderStatus)).toBe('UNKNOWN');
  });

  it('open.pay.refund: the verbatim data reads; an empty refundStatus is not settled (PENDING)', () => {
    const parsed = v.parse(refundAnswerSchema, answerExample('refund-answer-example.txt').data);
    expect(mapRefundStatus(parsed.refundStatus)).toBe('PENDING');
  });
});

describe('the published public key (bare base64)', () => {
  const env = {
    CAIBAO_BASE_URL: 'https://openapi.example.com',
    CAIBAO_APP: 'app1',
    CAIBAO_OPERATOR_ID: 'op1',
    CAIBAO_KEY: 'doc-examples-md5-key',
    CAIBAO_NOTIFY_URL: 'https://shop.example.com/payNotify',
  };

  it('the notification page key is accepted as the settings take it, as an RSA 2048 key', () => {
    const published = fixture('notification-page-public-key.txt').trim();
    expect(published.startsWith('-----')).toBe(false);
    const settings = settingsFromEnv({ ...env, CAIBAO_PUBLIC_KEY: published });
    expect(loadPublicKey(settings.publicKey).asymmetricKeyDetails?.modulusLength).toBe(2048);
  });

  it('the copy cut short on the answer-signature page is refused, naming the variable', () => {
    expect(() => settingsFromEnv({ ...env, CAIBAO_PUBLIC_KEY: fixture('answer-page-public-key.txt') })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining('CAIBAO_PUBLIC_KEY') }),
    );
  });
});

describe('goods_list example', () => {
  const members = fixture('goods-list-example.txt')
    .split('\n')
    .map((line) => /"(\w+)":"",?\s*##(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null);
  const documented = new Set(members.map((m) => m[1]));
  const mandatory = new Set(members.filter((m) => m[2]?.includes('不可为空')).map((m) => m[1]));

  it('adapter: sends only documented members and every one marked 不可为空', () => {
    expect([...mandatory].sort()).toEqual(['goods_price', 'sell_amount']);
    const items = JSON.parse(goodsListOf([{ skuId: 'tea', name: '绿茶', unitPrice: toFen(995), quantity: 2 }]) ?? '[]') as Array<Record<string, string>>;
    for (const item of items) {
      for (const name of Object.keys(item)) expect(documented).toContain(name);
      for (const name of mandatory) expect(item[name as string]).toMatch(/\S/);
    }
  });
});

describe('zhi-fu-wan-cheng-zhi-hou-de-tong-zhi.md: the notification page', () => {
  const page = fixture('notification-page.md');
  const column = (heading: string) => tableAfter(page, heading).map((row) => row.find((cell) => cell !== '') ?? '');

  it('the fields: adapter schema (+ sign) and sandbox list are the page table', () => {
    const documented = column('# 参数简介');
    expect(sorted([...Object.keys(notificationSchema.entries), 'sign'])).toEqual(sorted(documented));
    expect(sorted(NOTIFICATION_FIELDS)).toEqual(sorted(documented));
  });

  it('the status strings: each is mapped by the adapter (none UNKNOWN); the sandbox knows the same list', () => {
    const documented = column('# 订单状态详解');
    for (const status of documented) expect(mapOrderStatus(status)).not.toBe('UNKNOWN');
    expect(sorted(NOTIFIED_STATUSES)).toEqual(sorted(documented));
  });

  it('the channel names and payment ways', () => {
    const channels = column('# 支付渠道详解');
    expect(channels.map(mapPaymentChannel)).toEqual(['alipay', 'wechat']);
    expect(sorted(NOTIFIED_CHANNELS)).toEqual(sorted(channels));
    // The page's last row is garbled ("|  | QRCODE |"): the value is the non-empty cell.
    for (const way of column('# 支付方式详解')) expect(PAYMENT_WAYS).toContain(way);
  });

  it('the reply is exactly `success`', () => {
    expect(page).toContain('返回\\`success\\`字符串（必须完全相同，不能有任何其他字符）');
    expect(acknowledgement(true).body).toBe('success');
    expect(acknowledgement(false).body).not.toBe('success');
  });
});

describe('ming-ci-jie-shi.md: the terms page', () => {
  const page = fixture('terms.md');
  const values = (heading: string) => tableAfter(page, heading).map(([value = '']) => value);

  it('orderStatus numbers: mapped by the adapter as the page means them; transcribed by the sandbox', () => {
    const meaning: Record<string, string> = { '1': 'PENDING', '2': 'PAID', '3': 'UNKNOWN', '6': 'PARTIALLY_REFUNDED', '7': 'REFUNDED', '8': 'CLOSED', '9': 'CLOSED', '-1': 'CLOSED', '-2': 'FAILED' };
    const documented = values('# 订单状态');
    expect(sorted(documented)).toEqual(sorted(Object.keys(meaning)));
    for (const value of documented) expect(mapOrderStatus(value)).toBe(meaning[value]);
    expect(sorted(Object.values(ORDER_STATUS_NUMBER).map(String))).toEqual(sorted(documented.filter((v) => v !== '9')));
  });

  it('refundStatus: 5 succeeded, -3 failed, in adapter and sandbox', () => {
    expect(values('# 退款状态').map(mapRefundStatus)).toEqual(['SUCCEEDED', 'FAILED']);
    expect(Object.values(REFUND_STATUS).map(String)).toEqual(values('# 退款状态'));
  });

  it('paymentChannel numbers and paymentWay values', () => {
    expect(values('# 支付渠道').map(mapPaymentChannel)).toEqual(['alipay', 'wechat']);
    expect(Object.values(PAYMENT_CHANNEL_NUMBER).map(String)).toEqual(values('# 支付渠道'));
    expect([...PAYMENT_WAYS]).toEqual(values('# 支付方式'));
  });
});

describe('jiao-yi-che-xiao.md: the documented refusals of reverse', () => {
  it('the sandbox answers with exactly the page texts', () => {
    const documented = tableAfter(fixture('reverse-refusals.md'), '# 特殊说明').map(([, errorMsg = '']) => errorMsg);
    expect(documented).toHaveLength(4);
    expect(sorted(Object.values(REVERSE_REFUSALS))).toEqual(sorted(documented));
  });
});
