import { createHttpCloud } from '../../../client/platform/h5/http-cloud';

function fakeFetch(status: number, body: unknown) {
  const requests: Array<{ url: string; init: RequestInit }> = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    requests.push({ url, init });
    return {
      ok: status >= 200 && status < 300,
      status,
      json: async () => (body === undefined ? Promise.reject(new SyntaxError('no json')) : body),
    };
  }) as unknown as typeof fetch;
  return { fetchImpl, requests };
}

describe('H5 cloud client (local cloud over HTTP)', () => {
  it('POSTs the call’s data to /functions/<name> with the identity cookie, and returns the result', async () => {
    const { fetchImpl, requests } = fakeFetch(200, { result: { ok: true, data: { products: [] } }, errMsg: 'cloud.callFunction:ok' });
    const cloud = createHttpCloud('http://127.0.0.1:8700', fetchImpl);

    await expect(cloud.callFunction('catalog', { a: 1 })).resolves.toEqual({ ok: true, data: { products: [] } });
    expect(requests).toEqual([
      {
        url: 'http://127.0.0.1:8700/functions/catalog',
        init: { method: 'POST', headers: { 'content-type': 'application/json' }, credentials: 'include', body: '{"a":1}' },
      },
    ]);
  });

  it('fails with the local cloud’s errMsg, or the HTTP status when there is none', async () => {
    const missing = createHttpCloud('', fakeFetch(404, { errCode: -501000, errMsg: 'cloud.callFunction:fail function nope is not deployed' }).fetchImpl);
    await expect(missing.callFunction('nope', {})).rejects.toThrow('cloud.callFunction:fail function nope is not deployed');

    const broken = createHttpCloud('', fakeFetch(502, undefined).fetchImpl);
    await expect(broken.callFunction('pay', {})).rejects.toThrow('cloud.callFunction:fail HTTP 502');
  });
});
