import { invalidData } from '../../../sandbox/cloud/openapi';
import type { OrderLine } from '../../../server/gateways/contract';
import { AppError } from '../../../server/platform/errors';
import { toFen } from '../../../server/platform/money';
import { beijingTime, describeItems, FACT_TYPES, fitText, MESSAGE_FACTS, messageData, type PaidFacts } from '../../../server/shopper/message-values';
import type { PaymentEventLog } from '../../../server/orders/events';
import type { Order } from '../../../server/orders/model';
import { DEFAULT_PAID_MESSAGE_FIELDS, loadPaidMessageSettings, PAID_MESSAGE_ENV, SEND_DEADLINE_MS, sendPaidMessage, type PaidMessageDeps } from '../../../server/shopper/paid-message';

const line = (name: string, quantity: number): OrderLine => ({ skuId: 'sku', name, unitPrice: toFen(100), quantity });
const facts: PaidFacts = {
  orderNo: 'TX20261202115500ABCDEFGHJKLM',
  amount: toFen(1234567),
  lines: [line('明前特级西湖龙井茶叶礼盒装（半斤装）配紫砂壶一把', 1), line('Oolong', 2)],
  // 16:30 UTC is 00:30 the next day in Beijing.
  paidAt: Date.UTC(2026, 11, 2, 16, 30),
  shopName: 'A shop name that is far longer than twenty characters',
};

describe('subscribe message values (WeChat value rules)', () => {
  it('writes every fact in every type it allows as a value the local cloud (written from the rules table) accepts', () => {
    for (const fact of MESSAGE_FACTS) {
      FACT_TYPES[fact].forEach((type, i) => {
        const data = messageData({ [`${type}${i + 1}`]: fact }, facts);
        expect({ fact, type, problem: invalidData(data) }).toEqual({ fact, type, problem: undefined });
      });
    }
  });

  it('formats amount, time, date and items as a Chinese shopper reads them', () => {
    expect(messageData(JSON.parse(`{${DEFAULT_PAID_MESSAGE_FIELDS.split(',').map((p) => `"${p.replace('=', '":"')}"`).join(',')}}`), facts)).toEqual({
      character_string1: { value: facts.orderNo },
      amount2: { value: '¥12345.67' },
      thing3: { value: '明前特级西湖龙井茶叶礼盒装（…等3件商品' },
      time4: { value: '2026年12月3日 00:30' },
    });
    expect(beijingTime(facts.paidAt, false)).toBe('2026年12月3日');
    expect(describeItems([line('Green tea', 2)])).toBe('Green tea ×2');
  });

  it('cuts text by characters (not UTF-16 units) and keeps it on one line', () => {
    expect(Array.from(fitText('🍵'.repeat(30))).length).toBe(20);
    expect(fitText('line\none')).toBe('line one');
    expect(fitText('短')).toBe('短');
  });
});

describe('paid message settings', () => {
  const env = (values: Record<string, string>) => values;
  const problem = (values: Record<string, string>) => {
    try {
      loadPaidMessageSettings(env(values));
    } catch (err) {
      return err instanceof AppError ? `${err.code}: ${err.message}` : String(err);
    }
    return 'accepted';
  };

  it('is off without a template id, and has defaults for the rest', () => {
    expect(loadPaidMessageSettings({})).toBeUndefined();
    expect(loadPaidMessageSettings({ [PAID_MESSAGE_ENV.templateId]: 'tmpl_1' })).toEqual({
      templateId: 'tmpl_1',
      fields: { character_string1: 'orderNo', amount2: 'amount', thing3: 'items', time4: 'paidAt' },
      miniprogramState: 'formal',
    });
  });

  it.each([
    ['a fact written as a type that cannot carry it', { PAID_MESSAGE_FIELDS: 'thing1=amount' }, 'PAID_MESSAGE_FIELDS'],
    ['an unknown fact', { PAID_MESSAGE_FIELDS: 'thing1=price' }, 'PAID_MESSAGE_FIELDS'],
    ['a keyword without a number', { PAID_MESSAGE_FIELDS: 'thing=items' }, 'PAID_MESSAGE_FIELDS'],
    ['a keyword twice', { PAID_MESSAGE_FIELDS: 'thing1=items,thing1=shopName' }, 'PAID_MESSAGE_FIELDS'],
    ['a page with spaces', { PAID_MESSAGE_PAGE: 'pages/order index' }, 'PAID_MESSAGE_PAGE'],
    ['an unknown mini program state', { PAID_MESSAGE_MINIPROGRAM_STATE: 'beta' }, 'PAID_MESSAGE_MINIPROGRAM_STATE'],
  ])('refuses %s as CONFIG_INVALID naming the variable', (_name, values, variable) => {
    expect(problem({ PAID_MESSAGE_TEMPLATE_ID: 'tmpl_1', ...values })).toMatch(new RegExp(`^CONFIG_INVALID: .*${variable}`));
  });
});

describe('sending the paid message', () => {
  const order = { _id: 'o1', orderNo: 'A1B2', openid: 'o_shopper', amount: toFen(1200), lines: [line('Green tea', 1)], paidAt: Date.UTC(2026, 0, 1) } as unknown as Order;
  const setup = (send: (params: unknown) => Promise<unknown>, page?: string) => {
    const recorded: Array<Record<string, unknown>> = [];
    const sent: unknown[] = [];
    const deps: PaidMessageDeps = {
      openapi: { subscribeMessage: { send: (params) => (sent.push(params), send(params)) } },
      settings: { templateId: 'tmpl', fields: { amount1: 'amount' }, miniprogramState: 'trial', ...(page ? { page } : {}) },
      events: { tryRecord: async (event: Record<string, unknown>) => void recorded.push(event) } as unknown as PaymentEventLog,
      provider: 'quickpay',
      shopName: 'Shop',
      now: () => 0,
    };
    return { deps, recorded, sent };
  };

  it('opens the configured page for the order (the shop order page by default) and records it sent', async () => {
    const byDefault = setup(async () => ({ errCode: 0 }));
    await sendPaidMessage(byDefault.deps, order);
    expect(byDefault.sent).toEqual([{ touser: 'o_shopper', templateId: 'tmpl', page: 'pages/order/index?orderNo=A1B2', data: { amount1: { value: '¥12.00' } }, miniprogramState: 'trial', lang: 'zh_CN' }]);
    expect(byDefault.recorded).toEqual([{ kind: 'message', provider: 'quickpay', orderNo: 'A1B2', orderId: 'o1', outcome: 'sent' }]);
    const configured = setup(async () => ({ errCode: 0 }), 'pages/orders/index?focus={orderNo}');
    await sendPaidMessage(configured.deps, order);
    expect(configured.sent[0]).toMatchObject({ page: 'pages/orders/index?focus=A1B2' });
  });

  it('never throws: a refusal, a missing openapi and a send that never answers are recorded as failed', async () => {
    jest.useFakeTimers();
    try {
      const refused = setup(() => Promise.reject(Object.assign(new Error('x'), { errCode: 43101, errMsg: 'openapi.subscribeMessage.send:fail user refuse to accept the msg' })));
      await sendPaidMessage(refused.deps, order);
      expect(refused.recorded[0]).toMatchObject({ outcome: 'failed', errorCode: '43101', message: expect.stringContaining('refuse') });

      const missing = setup(async () => ({}));
      await sendPaidMessage({ ...missing.deps, openapi: undefined }, order);
      expect(missing.recorded[0]).toMatchObject({ outcome: 'failed', errorCode: 'SEND_FAILED' });

      const hanging = setup(() => new Promise(() => undefined));
      const done = sendPaidMessage(hanging.deps, order);
      await jest.advanceTimersByTimeAsync(SEND_DEADLINE_MS);
      await done;
      expect(hanging.recorded[0]).toMatchObject({ outcome: 'failed', errorCode: 'SEND_FAILED', message: expect.stringContaining(`${SEND_DEADLINE_MS} ms`) });
    } finally {
      jest.useRealTimers();
    }
  });
});
