import { listen, type Listening } from '../../../sandbox/common';
import { IDENTITY_COOKIE, IdentityIssuer, LOCAL_ADMIN_OPENID, SHOPPER_COOKIE } from '../../../sandbox/cloud/identity';
import { LocalCloud } from '../../../sandbox/cloud/runtime';
import { getWXContext } from '../../../sandbox/cloud/sdk';
import { createLocalCloudServer } from '../../../sandbox/cloud/server';

// The local shop's switch between a browser's shopper identity and the merchant's administrator.
let server: Listening;
let cloud: LocalCloud;
beforeEach(async () => {
  cloud = new LocalCloud();
  cloud.deploy('whoami', () => ({ main: () => ({ openid: getWXContext().OPENID }) }));
  server = await listen(createLocalCloudServer(cloud, { appId: 'wx0000000000local', identity: new IdentityIssuer('key-for-tests') }));
});
afterEach(async () => {
  await server.close();
  await cloud.close();
});

/** A browser: keeps the cookies it is given. */
function browser() {
  const jar = new Map<string, string>();
  const send = async (url: string, body: unknown = {}) => {
    const response = await fetch(`${server.url}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
      body: JSON.stringify(body),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      if (/Max-Age=0\b/.test(line)) jar.delete(name);
      else jar.set(name, pair.slice(eq + 1));
    }
    return response.json();
  };
  return { send, jar, whoami: async () => ((await send('/functions/whoami')) as { result: { openid: string } }).result.openid };
}

it('switches a browser to the administrator and back to the same shopper', async () => {
  const b = browser();
  const shopper = await b.whoami();
  expect(shopper).toMatch(/^o_local_/);
  expect(await b.send('/identity/admin', { on: true })).toEqual({ openid: LOCAL_ADMIN_OPENID, admin: true });
  expect(await b.whoami()).toBe(LOCAL_ADMIN_OPENID);
  // Switching on twice keeps the shopper to come back to.
  await b.send('/identity/admin', { on: true });
  expect(await b.send('/identity/admin', { on: false })).toEqual({ openid: shopper, admin: false });
  expect(await b.whoami()).toBe(shopper);
  expect(b.jar.has(SHOPPER_COOKIE)).toBe(false);
});

it('cannot be faked: a saved shopper cookie naming the administrator, or forged, gives a fresh shopper', async () => {
  const b = browser();
  await b.whoami();
  await b.send('/identity/admin', { on: true });
  b.jar.set(SHOPPER_COOKIE, b.jar.get(IDENTITY_COOKIE) ?? '');
  const back = (await b.send('/identity/admin', { on: false })) as { openid: string };
  expect(back.openid).not.toBe(LOCAL_ADMIN_OPENID);
  expect(back.openid).toMatch(/^o_local_/);
});
