import { createHash } from 'node:crypto';
import { signRequest, signingString, md5Sign } from '../../../server/gateways/caibao/sign';
import { signedFieldNames } from '../../../server/gateways/caibao/commands';

const GOODS = '[{"goods_id":"tea","goods_name":"绿茶","sell_amount":"2","goods_price":"995"}]';

const mpRequest = {
  command: 'open.pay.mp',
  app: 'app1',
  operator_id: 'op1',
  version: '1.0',
  local_order_no: 'NO1',
  amount: '1990',
  un_discount_amount: '',
  timestamp: '1700000000000',
  subject: '绿茶 x2',
  goods_list: GOODS,
  notify_url: 'https://shop.example/notify?a=1&b=2',
  sub_app_id: 'wxapp',
  open_id: 'oOpen',
  device_create_ip: undefined,
};

describe('Caibao request signature (MD5)', () => {
  const expectedString =
    'amount=1990&app=app1&goods_list=' +
    GOODS +
    '&local_order_no=NO1&open_id=oOpen&operator_id=op1&sub_app_id=wxapp&subject=绿茶 x2&timestamp=1700000000000';

  it('signs only the documented fields, skips empty ones, sorts by code unit, raw UTF-8 values', () => {
    expect(signingString(mpRequest, signedFieldNames('open.pay.mp'))).toBe(expectedString);
  });

  it('appends &key= and takes 32 lowercase hex MD5 over the UTF-8 bytes', () => {
    const independent = createHash('md5').update(Buffer.from(`${expectedString}&key=s3cr3t-key`, 'utf8')).digest('hex');
    const sign = md5Sign(mpRequest, signedFieldNames('open.pay.mp'), 's3cr3t-key');
    expect(sign).toBe(independent);
    expect(sign).toMatch(/^[0-9a-f]{32}$/);
  });

  it('sends non-empty fields plus sign; command, version and notify_url are sent but not signed', () => {
    const sent = signRequest('open.pay.mp', mpRequest, 's3cr3t-key');
    expect(Object.keys(sent).sort()).toEqual(
      ['amount', 'app', 'command', 'goods_list', 'local_order_no', 'notify_url', 'open_id', 'operator_id', 'sign', 'sub_app_id', 'subject', 'timestamp', 'version'].sort(),
    );
    const changedUnsigned = signRequest('open.pay.mp', { ...mpRequest, notify_url: 'https://other.example/' }, 's3cr3t-key');
    expect(changedUnsigned.sign).toBe(sent.sign);
    const changedSigned = signRequest('open.pay.mp', { ...mpRequest, amount: '1991' }, 's3cr3t-key');
    expect(changedSigned.sign).not.toBe(sent.sign);
  });

  it('orders timeStamp before timestamp (code-unit order, not localeCompare)', () => {
    const fields = { timestamp: '2', timeStamp: '1', sub_app_id: 'x', subject: 'y' };
    expect(signingString(fields, Object.keys(fields))).toBe('sub_app_id=x&subject=y&timeStamp=1&timestamp=2');
    // localeCompare would put them the other way round: the test above would catch that mistake.
    expect(['timeStamp', 'timestamp'].sort((a, b) => a.localeCompare(b))).toEqual(['timestamp', 'timeStamp']);
  });

  it('open.pay.scan signs channel; the tables match the docs 参与签名 column', () => {
    expect(signedFieldNames('open.pay.scan').sort()).toEqual(
      ['operator_id', 'app', 'local_order_no', 'channel', 'amount', 'un_discount_amount', 'timestamp', 'subject', 'goods_list', 'device_create_ip'].sort(),
    );
    expect(signedFieldNames('open.pay.mp').sort()).toEqual(
      ['operator_id', 'app', 'local_order_no', 'amount', 'un_discount_amount', 'timestamp', 'subject', 'goods_list', 'sub_app_id', 'open_id', 'device_create_ip'].sort(),
    );
    for (const command of ['open.pay.mp', 'open.pay.scan', 'open.pay.query', 'open.pay.reverse', 'open.pay.refund'] as const) {
      expect(signedFieldNames(command)).not.toEqual(expect.arrayContaining(['command']));
      for (const never of ['command', 'version', 'sign', 'notify_url']) expect(signedFieldNames(command)).not.toContain(never);
    }
  });
});
