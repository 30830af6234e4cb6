import { fireEvent, screen, waitFor } from '@testing-library/react';
import { createCashierSheet } from '../../../client/platform/h5/cashier-sheet';

const params = { timeStamp: '1700000000', nonceStr: 'abc', package: 'prepay_id=wxPREPAY1', signType: 'MD5' as const, paySign: 'SIGN' };

/** The sandbox cashier's HTTP routes as the sheet sees them. */
function fakeCashier(answers: { pay?: string; cancel?: string } = {}) {
  const posts: Array<{ url: string; body: unknown }> = [];
  const fetchImpl = (async (url: string, init?: RequestInit) => {
    if (!init) {
      return { ok: true, status: 200, json: async () => ({ prepayId: 'wxPREPAY1', status: 'ISSUED', amount: 4750, description: 'Demo Shop - Green tea x2', provider: 'QuickPay' }) };
    }
    posts.push({ url, body: JSON.parse(init.body as string) });
    const action = url.endsWith('/pay') ? 'pay' : 'cancel';
    const errMsg = answers[action] ?? (action === 'pay' ? 'requestPayment:ok' : 'requestPayment:fail cancel');
    return { ok: true, status: 200, json: async () => ({ errMsg }) };
  }) as unknown as typeof fetch;
  return { fetchImpl, posts };
}

describe('H5 payment sheet (sandbox cashier)', () => {
  afterEach(() => document.body.replaceChildren());

  it('shows the cashier’s amount and description, pays with the five params unchanged, resolves requestPayment:ok', async () => {
    const cashier = fakeCashier();
    const sheet = createCashierSheet({ cashierUrl: 'http://127.0.0.1:8700', fetch: cashier.fetchImpl });
    const result = sheet(params);

    const dialog = await screen.findByRole('dialog', { name: '微信支付（沙箱）' });
    expect(dialog.textContent).toContain('¥47.50');
    expect(dialog.textContent).toContain('Demo Shop - Green tea x2');
    // Chinese, as WeChat's sheet: the provider named as WeChat Pay's pages name theirs, at the foot.
    expect(dialog.querySelector('.sandbox-cashier__provider')?.textContent).toBe('本服务由 QuickPay 提供');
    expect(dialog.lastElementChild?.lastElementChild?.className).toBe('sandbox-cashier__provider');
    fireEvent.click(screen.getByRole('button', { name: '确认支付' }));

    await expect(result).resolves.toEqual({ errMsg: 'requestPayment:ok' });
    expect(cashier.posts).toEqual([{ url: 'http://127.0.0.1:8700/cashier/pay', body: params }]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('rejects requestPayment:fail cancel when the shopper cancels, after telling the cashier', async () => {
    const cashier = fakeCashier();
    const result = createCashierSheet({ fetch: cashier.fetchImpl })(params);
    fireEvent.click(await screen.findByRole('button', { name: '取消' }));

    await expect(result).rejects.toMatchObject({ errMsg: 'requestPayment:fail cancel' });
    expect(cashier.posts).toEqual([{ url: '/cashier/cancel', body: params }]);
  });

  it('closes unanswered, as a cancel, when the shopper goes back (the order stays payable; nothing is posted)', async () => {
    const cashier = fakeCashier();
    const result = createCashierSheet({ fetch: cashier.fetchImpl })(params);
    await screen.findByRole('dialog');
    window.dispatchEvent(new PopStateEvent('popstate'));

    await expect(result).rejects.toMatchObject({ errMsg: 'requestPayment:fail cancel' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(cashier.posts).toEqual([]);
  });

  it('rejects with the cashier’s reason when it refuses the params (e.g. a paySign WeChat would refuse)', async () => {
    const cashier = fakeCashier({ pay: 'requestPayment:fail invalid paySign' });
    const result = createCashierSheet({ fetch: cashier.fetchImpl })({ ...params, paySign: 'FORGED' });
    fireEvent.click(await screen.findByRole('button', { name: '确认支付' }));
    await expect(result).rejects.toMatchObject({ errMsg: 'requestPayment:fail invalid paySign' });
  });

  it('a second tap while the cashier answers is ignored (buttons disabled)', async () => {
    const cashier = fakeCashier();
    const result = createCashierSheet({ fetch: cashier.fetchImpl })(params);
    const pay = await screen.findByRole('button', { name: '确认支付' });
    fireEvent.click(pay);
    fireEvent.click(pay);
    await result;
    expect(cashier.posts).toHaveLength(1);
  });

  it('rejects params that are not a prepay id without opening a sheet', async () => {
    const cashier = fakeCashier();
    await expect(createCashierSheet({ fetch: cashier.fetchImpl })({ ...params, package: 'nonsense' })).rejects.toMatchObject({
      errMsg: 'requestPayment:fail package must be prepay_id=<id>',
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('fails, not succeeds, when the cashier cannot be reached', async () => {
    const down = (async (_url: string, init?: RequestInit) => {
      if (!init) throw new TypeError('fetch failed');
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch;
    const result = createCashierSheet({ fetch: down })(params);
    fireEvent.click(await screen.findByRole('button', { name: '确认支付' }));
    await expect(result).rejects.toMatchObject({ errMsg: 'requestPayment:fail the sandbox cashier cannot be reached' });
  });
});
