import { fireEvent, screen } from '@testing-library/react';
import { createSubscribeDialog } from '../../../client/platform/h5/subscribe-dialog';

function fakeCloud(ok = true) {
  const posts: Array<{ url: string; body: unknown }> = [];
  const fetchImpl = (async (url: string, init?: RequestInit) => {
    posts.push({ url, body: JSON.parse(init!.body as string) });
    return { ok, status: ok ? 200 : 500, json: async () => ({ errMsg: 'requestSubscribeMessage:ok', T1: 'accept' }) };
  }) as unknown as typeof fetch;
  return { fetchImpl, posts };
}

describe('H5 subscribe-message dialog (the local cloud’s stand-in for WeChat’s)', () => {
  afterEach(() => document.body.replaceChildren());

  it('shows WeChat’s question at once; 允许 tells the local cloud and resolves accept', async () => {
    const cloud = fakeCloud();
    const answer = createSubscribeDialog({ fetch: cloud.fetchImpl })({ tmplIds: ['T1'] });
    expect(screen.getByRole('dialog', { name: '订阅消息' }).textContent).toContain('支付成功通知'); // drawn synchronously, in the tap
    fireEvent.click(screen.getByRole('button', { name: '允许' }));
    await expect(answer).resolves.toEqual({ errMsg: 'requestSubscribeMessage:ok', T1: 'accept' });
    expect(cloud.posts).toEqual([{ url: '/openapi/subscribe', body: { tmplIds: ['T1'] } }]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('取消 resolves reject and tells nobody', async () => {
    const cloud = fakeCloud();
    const answer = createSubscribeDialog({ fetch: cloud.fetchImpl })({ tmplIds: ['T1'] });
    fireEvent.click(screen.getByRole('button', { name: '取消' }));
    await expect(answer).resolves.toEqual({ errMsg: 'requestSubscribeMessage:ok', T1: 'reject' });
    expect(cloud.posts).toEqual([]);
  });

  it('rejects when the local cloud refuses (the shop pays on regardless: services/subscribe.ts)', async () => {
    const answer = createSubscribeDialog({ fetch: fakeCloud(false).fetchImpl })({ tmplIds: ['T1'] });
    fireEvent.click(screen.getByRole('button', { name: '允许' }));
    await expect(answer).rejects.toThrow('HTTP 500');
  });
});
