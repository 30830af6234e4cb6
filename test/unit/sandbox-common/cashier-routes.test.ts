import { Cashier, createCashierApp, createClock, listen, type Listening } from '../../../sandbox/common';

describe('cashier HTTP routes', () => {
  const cashier = new Cashier({ clock: createClock() });
  let server: Listening;
  beforeAll(async () => {
    server = await listen(createCashierApp(cashier));
  });
  afterAll(() => server.close());

  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as { errMsg: string } };
  };

  it('serves an escaped page per prepay id with Pay and Cancel buttons', async () => {
    const params = cashier.issue({ appId: 'wx1', amount: 1205, description: '<b>Tea</b>', provider: 'quickpay', onPaid: () => undefined });
    const prepayId = params.package.slice('prepay_id='.length);
    const res = await fetch(`${server.url}/cashier/prepay/${prepayId}?return=${encodeURIComponent('http://127.0.0.1:1/done')}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('id="pay"');
    expect(html).toContain('id="cancel"');
    expect(html).toContain('¥12.05');
    expect(html).toContain('&#60;b&#62;Tea&#60;/b&#62;');
    expect(html).not.toContain('<b>Tea</b>');
    expect(html).toContain(params.paySign);
    expect(html).toContain('http://127.0.0.1:1/done');
    expect((await fetch(`${server.url}/cashier/prepay/nope`)).status).toBe(404);
  });

  it('pays and cancels through POST, verifying paySign', async () => {
    const onPaid = jest.fn();
    const onCancelled = jest.fn();
    const { appId: _appId, ...params } = cashier.issue({ appId: 'wx1', amount: 1, description: 'x', onPaid, onCancelled });
    expect(await post('/cashier/cancel', params)).toEqual({ status: 200, body: { errMsg: 'requestPayment:fail cancel' } });
    expect(await post('/cashier/pay', { ...params, paySign: 'X' })).toEqual({ status: 200, body: { errMsg: 'requestPayment:fail invalid paySign' } });
    expect(await post('/cashier/pay', params)).toEqual({ status: 200, body: { errMsg: 'requestPayment:ok' } });
    expect(onPaid).toHaveBeenCalledTimes(1);
    expect(onCancelled).toHaveBeenCalledTimes(1);
    const status = await fetch(`${server.url}/cashier/prepay/${params.package.slice(10)}/status`);
    expect(await status.json()).toEqual(expect.objectContaining({ status: 'PAID', amount: 1 }));
  });

  it('the calling mini program comes from the body (stand-alone cashier): another AppID → appid mismatch', async () => {
    const { appId: _appId, ...params } = cashier.issue({ appId: 'wxbodycaller', amount: 1, description: 'x', onPaid: () => undefined });
    expect((await post('/cashier/pay', { ...params, appId: 'wxsomeoneelse' })).body).toEqual({ errMsg: 'requestPayment:fail appid mismatch' });
    expect((await post('/cashier/pay', { ...params, appId: 'wxbodycaller' })).body).toEqual({ errMsg: 'requestPayment:ok' });
  });

  it('routes mounted for one mini program refuse params issued for another, whatever the body says', async () => {
    const mounted = await listen(createCashierApp(cashier, { appId: 'wxtheshop' }));
    try {
      const send = async (body: unknown) =>
        (await (await fetch(`${mounted.url}/cashier/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as {
          errMsg: string;
        };
      const { appId: _a, ...foreign } = cashier.issue({ appId: 'wxnottheshop', amount: 1, description: 'x', onPaid: () => undefined });
      expect(await send({ ...foreign, appId: 'wxnottheshop' })).toEqual({ errMsg: 'requestPayment:fail appid mismatch' });
      const { appId: _b, ...own } = cashier.issue({ appId: 'wxtheshop', amount: 1, description: 'x', onPaid: () => undefined });
      expect(await send(own)).toEqual({ errMsg: 'requestPayment:ok' });
    } finally {
      await mounted.close();
    }
  });

  it('rejects a body without the pay fields, naming them', async () => {
    const res = await post('/cashier/pay', { timeStamp: '1' });
    expect(res.status).toBe(400);
    expect(res.body.errMsg).toContain('paySign');
  });

  it('answers CORS preflight for the H5 shop', async () => {
    const res = await fetch(`${server.url}/cashier/pay`, { method: 'OPTIONS' });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });
});
