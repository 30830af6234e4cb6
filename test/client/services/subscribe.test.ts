import { askPaidSubscription } from '../../../client/services/subscribe';

// (installRequestSubscribe is what the H5 platform uses; the mini program asks Taro = wx.)

describe('asking for the "payment succeeded" message', () => {
  it('asks once with the configured template, synchronously (inside the tap)', async () => {
    const request = jest.fn(async () => ({ T1: 'accept' }));
    const asked = askPaidSubscription('T1', request);
    expect(request).toHaveBeenCalledWith({ tmplIds: ['T1'] }); // before anything was awaited
    await expect(asked).resolves.toBeUndefined();
  });

  it('never blocks payment: a refusal, a failure or a throw all resolve', async () => {
    await expect(askPaidSubscription('T1', async () => Promise.reject(new Error('20004 cancel')))).resolves.toBeUndefined();
    await expect(
      askPaidSubscription('T1', () => {
        throw new Error('not a function here');
      }),
    ).resolves.toBeUndefined();
  });

  it('asks nothing without a template id or outside WeChat', async () => {
    const request = jest.fn(async () => ({}));
    await askPaidSubscription('', request);
    await askPaidSubscription('T1', undefined);
    expect(request).not.toHaveBeenCalled();
  });
});
