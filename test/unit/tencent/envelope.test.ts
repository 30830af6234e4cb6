import { createHmac } from 'node:crypto';
import {
  authenCode,
  EnvelopeFormatError,
  openRequest,
  openResponse,
  sealRequest,
  sealResponse,
  unsignedResponse,
} from '../../../server/gateways/tencent/envelope';

const KEY = 'k3y-Of-The-Sub-Merchant';

describe('authen_code', () => {
  it('matches a vector computed outside this code (openssl dgst -sha256 -hmac)', () => {
    const text = '{"nonce_str":"abc","out_trade_no":"sz01TEST0001"}';
    // printf '%s' "$text" | openssl dgst -sha256 -hmac 'k3y-Of-The-Sub-Merchant'  (upper-cased)
    expect(authenCode(KEY, text)).toBe('BDE020310490427317018D754DE431E54D648900DB2B2268EE39EB3908601809');
  });

  it('is HMAC-SHA256 keyed with the raw key bytes, 64 uppercase hex', () => {
    const text = '{"body":"湖南交通工程学院后勤处","total_fee":10000}';
    const independent = createHmac('sha256', Buffer.from(KEY, 'utf8')).update(Buffer.from(text, 'utf8')).digest('hex').toUpperCase();
    const code = authenCode(KEY, text);
    expect(code).toBe(independent);
    expect(code).toMatch(/^[0-9A-F]{64}$/);
  });
});

describe('sealRequest', () => {
  it('signs exactly the request_content text it sends', () => {
    const { body, contentText } = sealRequest(KEY, { nonce_str: 'abc', out_trade_no: 'sz01TEST0001' });
    const outer = JSON.parse(body);
    expect(outer.request_content).toBe(contentText);
    expect(contentText).toBe('{"nonce_str":"abc","out_trade_no":"sz01TEST0001"}');
    expect(outer.authen_info).toEqual({
      a: { authen_type: 1, authen_code: 'BDE020310490427317018D754DE431E54D648900DB2B2268EE39EB3908601809' },
    });
  });
});

describe('openResponse', () => {
  const contentText = '{"status":0,"description":"OK"}';

  it('accepts a signed answer over the exact text', () => {
    const raw = Buffer.from(sealResponse(KEY, contentText));
    expect(openResponse(KEY, raw)).toEqual({ contentText, authenticity: 'signed' });
    // Same vector through openssl: the signature is over the inner string, not the outer JSON.
    expect(JSON.parse(raw.toString()).authen_info.a.authen_code).toBe(
      '50A27FECD12693B3E1AEBA39410FC9DBA3EF4E07E10B97F9FB36AEE4285C5DA6',
    );
  });

  it('rejects a semantically equal but re-serialised response_content', () => {
    const code = authenCode(KEY, contentText);
    const reserialised = JSON.stringify(JSON.parse(contentText), null, 1); // same meaning, other text
    expect(JSON.parse(reserialised)).toEqual(JSON.parse(contentText));
    const raw = JSON.stringify({ response_content: reserialised, authen_info: { a: { authen_type: 1, authen_code: code } } });
    expect(openResponse(KEY, Buffer.from(raw)).authenticity).toBe('forged');
  });

  it('rejects content altered after signing', () => {
    const code = authenCode(KEY, contentText);
    const altered = contentText.replace('OK', 'Ok');
    const raw = JSON.stringify({ response_content: altered, authen_info: { a: { authen_type: 1, authen_code: code } } });
    expect(openResponse(KEY, raw).authenticity).toBe('forged');
  });

  it('keeps escaped characters exactly as they were signed', () => {
    // The provider's sample escapes Chinese as \\u sequences inside the string; the decoded inner text is what was signed.
    const inner = '{"status":0,"description":"\\u64CD\\u4F5C\\u6210\\u529F\\u3002"}';
    const raw = sealResponse(KEY, inner);
    const opened = openResponse(KEY, raw);
    expect(opened.contentText).toBe(inner);
    expect(opened.authenticity).toBe('signed');
  });

  it('rejects a code made with another key and an unknown authen_type', () => {
    expect(openResponse(KEY, sealResponse('another-key-123', contentText)).authenticity).toBe('forged');
    const md5Type = JSON.stringify({
      response_content: contentText,
      authen_info: { a: { authen_type: 2, authen_code: authenCode(KEY, contentText) } },
    });
    expect(openResponse(KEY, md5Type).authenticity).toBe('forged');
  });

  it('reports an answer without authen_info as unsigned', () => {
    expect(openResponse(KEY, unsignedResponse('{"status":3}')).authenticity).toBe('unsigned');
  });

  it('refuses bodies that are not envelopes', () => {
    expect(() => openResponse(KEY, 'not json')).toThrow(EnvelopeFormatError);
    expect(() => openResponse(KEY, '{"response_content":{"status":0}}')).toThrow(EnvelopeFormatError);
    expect(() => openResponse(KEY, '{"request_content":"{}"}')).toThrow(EnvelopeFormatError);
  });
});

describe('openRequest', () => {
  it('verifies a request envelope the way the sandbox and notifications need', () => {
    const { body } = sealRequest(KEY, { a: 1 });
    expect(openRequest(KEY, body).authenticity).toBe('signed');
    expect(openRequest('wrong-key-000', body).authenticity).toBe('forged');
    expect(openRequest(KEY, '{"request_content":"{}"}').authenticity).toBe('unsigned');
  });
});
