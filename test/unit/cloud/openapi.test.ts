import { invalidData, OpenApiError, SubscribeMessages } from '../../../sandbox/cloud/openapi';

describe("the local cloud's cloud.openapi.subscribeMessage.send", () => {
  const message = (data: Record<string, { value: string }> = { thing1: { value: '绿茶' } }) => ({ touser: 'o_1', templateId: 'tmpl', page: 'pages/order/index?orderNo=A1', data });
  const errCodeOf = async (work: Promise<unknown>) => {
    try {
      await work;
      return 0;
    } catch (err) {
      return err instanceof OpenApiError ? err.errCode : -999;
    }
  };

  it('sends once per accepted one-time subscription, then answers 43101, and records both', async () => {
    const messages = new SubscribeMessages({ now: () => 42 });
    expect(await errCodeOf(messages.send(message()))).toBe(43101);
    messages.accept('o_1', ['tmpl']);
    await expect(messages.send(message())).resolves.toEqual({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' });
    expect(await errCodeOf(messages.send(message()))).toBe(43101);
    expect(messages.forUser('o_1').map((m) => [m.errCode, m.at])).toEqual([
      [43101, 42],
      [0, 42],
      [43101, 42],
    ]);
    expect(messages.forUser('o_2')).toEqual([]);
  });

  it.each([
    ['no openid', { ...message(), touser: '' }, 40003],
    ['no template id', { ...message(), templateId: undefined }, 40037],
    ['a page the mini program does not have', { ...message(), page: 'pages/nowhere/index' }, 41030],
    ['a thing over 20 characters', message({ thing1: { value: '一'.repeat(21) } }), 47003],
    ['an amount without a currency symbol', message({ amount1: { value: '12.00' } }), 47003],
    ['a time that is not 24-hour', message({ time1: { value: '25:61' } }), 47003],
    ['a character_string with Chinese', message({ character_string1: { value: '订单A1' } }), 47003],
    ['an empty value', message({ thing1: { value: ' ' } }), 47003],
    ['a keyword of no known type', message({ price1: { value: '1' } }), 47003],
  ])('refuses %s with WeChat’s errcode', async (_name, params, errCode) => {
    const messages = new SubscribeMessages({ pages: ['pages/order/index'] });
    messages.accept('o_1', ['tmpl']);
    expect(await errCodeOf(messages.send(params))).toBe(errCode);
  });

  it('accepts the documented examples of each type', () => {
    expect(
      invalidData({
        thing1: { value: '可汉字、数字、字母或符号组合' },
        number2: { value: '339208499' },
        character_string3: { value: 'TX2026-12-02_ABC' },
        time4: { value: '2019年10月1日 15:01' },
        time5: { value: '15:01' },
        date6: { value: '2019年10月1日' },
        date7: { value: '2018-01-01 ~ 2018-01-31' },
        amount8: { value: '¥59.00' },
        amount9: { value: '￥100元' },
        phrase10: { value: '配送中' },
        phone_number11: { value: '+86-0766-66888866' },
      }),
    ).toBeUndefined();
  });

  it('fails the next send when told to (a WeChat outage), whatever the data', async () => {
    const messages = new SubscribeMessages();
    messages.accept('o_1', ['tmpl']);
    messages.failNext(-1);
    expect(await errCodeOf(messages.send(message()))).toBe(-1);
    expect(await errCodeOf(messages.send(message()))).toBe(0);
  });
});
