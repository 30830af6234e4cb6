import { bodyForEvent, buildHttpEvent, replyFromResult } from '../../../sandbox/cloud/http-trigger';
import { IdentityIssuer, readCookie } from '../../../sandbox/cloud/identity';
import { LocalCloud } from '../../../sandbox/cloud/runtime';
import * as sdk from '../../../sandbox/cloud/sdk';

describe('local cloud runtime', () => {
  let cloud: LocalCloud;
  beforeEach(() => {
    cloud = new LocalCloud();
  });
  afterEach(() => cloud.close());

  it('gives every concurrent call its own WX context', async () => {
    cloud.deploy('whoami', () => ({
      main: async (event: unknown) => {
        const before = sdk.getWXContext().OPENID;
        await new Promise((resolve) => setTimeout(resolve, (event as { wait: number }).wait));
        return { before, after: sdk.getWXContext().OPENID };
      },
    }));
    const calls = Array.from({ length: 20 }, (_x, i) => cloud.invoke('whoami', { wait: 20 - i }, { OPENID: `o${i}`, SOURCE: 'wx_client' }));
    const results = (await Promise.all(calls)) as Array<{ before: string; after: string }>;
    results.forEach((r, i) => expect(r).toEqual({ before: `o${i}`, after: `o${i}` }));
  });

  it('calls functions from functions with the caller identity and wx_function in SOURCE, across a JSON boundary', async () => {
    cloud.deploy('inner', () => ({ main: (event: unknown) => ({ event, ctx: sdk.getWXContext() }) }));
    cloud.deploy('outer', () => ({ main: async () => (await sdk.callFunction({ name: 'inner', data: { when: new Date(0) } })).result }));
    const result = await cloud.invoke('outer', {}, { OPENID: 'o1', APPID: 'wx1', SOURCE: 'wx_client' });
    expect(result).toEqual({ event: { when: '1970-01-01T00:00:00.000Z' }, ctx: { OPENID: 'o1', APPID: 'wx1', SOURCE: 'wx_client,wx_function', ENV: 'local' } });
  });

  it('reads the context from the environment outside an invocation, as the real SDK does', () => {
    process.env.WX_CONTEXT_KEYS = 'WX_OPENID,WX_APPID';
    process.env.WX_OPENID = 'o_env';
    process.env.WX_APPID = 'wx_env';
    process.env.TCB_SOURCE = 'wx_trigger';
    expect(sdk.getWXContext()).toEqual({ OPENID: 'o_env', APPID: 'wx_env', SOURCE: 'wx_trigger' });
    for (const name of ['WX_CONTEXT_KEYS', 'WX_OPENID', 'WX_APPID', 'TCB_SOURCE']) delete process.env[name];
  });

  it('cold-starts functions again on restart', async () => {
    let loads = 0;
    cloud.deploy('f', () => {
      loads++;
      return { main: () => loads };
    });
    await cloud.restart();
    expect(await cloud.invoke('f', {}, {})).toBe(2);
  });
});

describe('HTTP trigger events', () => {
  it('keeps a UTF-8 body as text and anything else as base64, byte for byte', () => {
    expect(bodyForEvent(Buffer.from('{"a":"中文"}'))).toEqual({ body: '{"a":"中文"}', isBase64Encoded: false });
    const binary = Buffer.from([0xff, 0x00, 0xfe, 0x80]);
    const event = bodyForEvent(binary);
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body, 'base64').equals(binary)).toBe(true);
  });

  it('builds the event CloudBase hands a function', () => {
    expect(buildHttpEvent({ path: '/payNotify/x', method: 'post', headers: { 'Content-Type': 'text/plain', 'x-multi': ['a', 'b'] }, query: { q: '1' }, body: Buffer.from('hi') })).toEqual({
      path: '/payNotify/x',
      httpMethod: 'POST',
      headers: { 'content-type': 'text/plain', 'x-multi': 'a, b' },
      queryStringParameters: { q: '1' },
      body: 'hi',
      isBase64Encoded: false,
    });
  });

  it('turns a function result into a reply by CloudBase rules', () => {
    expect(replyFromResult({ statusCode: 201, headers: { a: 'b' }, body: 'x' })).toEqual({ statusCode: 201, headers: { a: 'b' }, body: Buffer.from('x') });
    expect(replyFromResult('OK').body.toString()).toBe('OK');
    expect(replyFromResult({ ok: true })).toMatchObject({ statusCode: 200, body: Buffer.from('{"ok":true}') });
    expect(replyFromResult({ statusCode: 200, body: Buffer.from([1, 2]).toString('base64'), isBase64Encoded: true }).body).toEqual(Buffer.from([1, 2]));
  });
});

describe('local identity', () => {
  const issuer = new IdentityIssuer('k'.repeat(32));
  it('issues openids the client can keep but not choose', () => {
    const { openid, token } = issuer.issue();
    expect(openid).toMatch(/^o_local_[A-Za-z0-9]{24}$/);
    expect(issuer.verify(token)).toBe(openid);
    expect(issuer.verify(token.replace(openid, `o_local_${'B'.repeat(24)}`))).toBeUndefined();
    expect(issuer.verify(`${openid}.${'0'.repeat(64)}`)).toBeUndefined();
    expect(new IdentityIssuer('other-key-000000').verify(token)).toBeUndefined();
    expect(issuer.verify(undefined)).toBeUndefined();
    expect(issuer.verify('garbage')).toBeUndefined();
  });

  it('reads its cookie', () => {
    expect(readCookie('a=1; local_identity=x%2Ey; b=2', 'local_identity')).toBe('x.y');
    expect(readCookie(undefined, 'local_identity')).toBeUndefined();
  });
});
