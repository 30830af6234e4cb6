import { listen, type Listening } from '../../../sandbox/common';
import { IdentityIssuer } from '../../../sandbox/cloud/identity';
import { LocalCloud } from '../../../sandbox/cloud/runtime';
import { createLocalCloudServer } from '../../../sandbox/cloud/server';
import * as sdk from '../../../sandbox/cloud/sdk';

describe('local cloud HTTP server', () => {
  let cloud: LocalCloud;
  let server: Listening;
  beforeAll(async () => {
    cloud = new LocalCloud();
    // An HTTP-triggered function that answers with exactly the bytes it received, and who called.
    cloud.deploy('echo', () => ({
      main: (event: unknown) => {
        const e = event as { body: string; isBase64Encoded: boolean; path: string; httpMethod: string };
        return {
          statusCode: 200,
          headers: { 'content-type': 'application/octet-stream', 'x-path': e.path, 'x-method': e.httpMethod, 'x-source': String(sdk.getWXContext().SOURCE), 'x-openid': String(sdk.getWXContext().OPENID) },
          body: e.isBase64Encoded ? e.body : Buffer.from(e.body, 'utf8').toString('base64'),
          isBase64Encoded: true,
        };
      },
    }));
    cloud.deploy('whoami', () => ({ main: () => sdk.getWXContext() }));
    server = await listen(createLocalCloudServer(cloud, { appId: 'wxapp', identity: new IdentityIssuer('key-for-this-test') }));
  });
  afterAll(async () => {
    await server.close();
    await cloud.close();
  });

  it('hands an HTTP-triggered function the raw body, binary included, as an event', async () => {
    const bytes = Buffer.from([0x00, 0xff, 0x7b, 0x80, 0x0a]);
    const reply = await fetch(`${server.url}/http/echo/quickpay?x=1`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array(bytes) });
    expect(reply.status).toBe(200);
    expect(Buffer.from(await reply.arrayBuffer()).equals(bytes)).toBe(true);
    expect(reply.headers.get('x-path')).toBe('/echo/quickpay');
    expect(reply.headers.get('x-method')).toBe('POST');
    expect(reply.headers.get('x-source')).toBe('wx_http');
    expect(reply.headers.get('x-openid')).toBe('undefined');
    const text = await fetch(`${server.url}/http/echo`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1&b=%E4%B8%AD' });
    expect(await text.text()).toBe('a=1&b=%E4%B8%AD');
  });

  it('calls functions as a mini program would: identity from the cloud, never from the request', async () => {
    const first = await fetch(`${server.url}/functions/whoami`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ OPENID: 'o_chosen' }) });
    const cookie = first.headers.get('set-cookie')?.split(';')[0] ?? '';
    const { result } = (await first.json()) as { result: Record<string, string> };
    expect(result).toMatchObject({ APPID: 'wxapp', SOURCE: 'wx_client', CLIENTIP: '127.0.0.1' });
    expect(result.OPENID).toMatch(/^o_local_/);
    const again = (await (await fetch(`${server.url}/functions/whoami`, { method: 'POST', headers: { cookie } })).json()) as { result: Record<string, string> };
    expect(again.result.OPENID).toBe(result.OPENID);
    const { token } = (await (await fetch(`${server.url}/identity`, { method: 'POST', headers: { cookie } })).json()) as { token: string };
    const byHeader = (await (await fetch(`${server.url}/functions/whoami`, { method: 'POST', headers: { 'x-local-identity': token } })).json()) as { result: Record<string, string> };
    expect(byHeader.result.OPENID).toBe(result.OPENID);
  });

  it('gives a browser with a garbled identity cookie a new identity instead of failing every call', async () => {
    const reply = await fetch(`${server.url}/functions/whoami`, { method: 'POST', headers: { cookie: 'local_identity=%E0%A4%A' } });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('set-cookie')).toMatch(/^local_identity=o_local_/);
    const { result } = (await reply.json()) as { result: Record<string, string> };
    expect(result.OPENID).toMatch(/^o_local_/);
  });

  it('answers unknown functions and bad bodies the way callFunction fails', async () => {
    expect((await fetch(`${server.url}/functions/nope`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${server.url}/functions/whoami`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{bad' })).status).toBe(400);
  });

  it('lets a loopback page call with credentials, and no other origin', async () => {
    const allowed = await fetch(`${server.url}/functions/whoami`, { method: 'OPTIONS', headers: { origin: 'http://localhost:10086' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:10086');
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    const foreign = await fetch(`${server.url}/functions/whoami`, { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });
});
