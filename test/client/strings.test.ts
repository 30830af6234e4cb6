import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ERROR_CODES, ORDER_TAB_KEYS, SHOPPER_STATUSES } from '../../api';
import { countdownText, ERROR_MESSAGES, errorMessage, STATUS_LABELS, statusLabel, TAB_LABELS } from '../../client/strings';

const CHINESE = /[\u4e00-\u9fff]/;

describe('the shopper’s words', () => {
  it('name every order status as shoppers know it', () => {
    expect(SHOPPER_STATUSES.map(statusLabel)).toEqual(['待付款', '待付款', '支付确认中', '已支付', '已取消', '支付失败', '退款中', '部分退款', '已退款', '已过期']);
    expect(Object.keys(STATUS_LABELS).sort()).toEqual([...SHOPPER_STATUSES].sort());
  });

  it('give every error code a Chinese message that says what to do, and never echo a code they do not know', () => {
    for (const code of [...ERROR_CODES, 'NETWORK', 'UNEXPECTED', 'PAY_FAILED']) {
      const message = errorMessage(code);
      expect(message).toMatch(CHINESE);
      expect(message).toMatch(/[。！]$/);
      expect(message).not.toMatch(/[A-Za-z]/);
    }
    expect(errorMessage('caibao: open.pay.query rejected: 50 订单不存在')).toBe(ERROR_MESSAGES.UNEXPECTED);
  });

  it('label the 我的订单 tabs', () => {
    expect(ORDER_TAB_KEYS.map((tab) => TAB_LABELS[tab])).toEqual(['全部', '待付款', '已支付', '退款/售后', '已关闭']);
  });

  it('count down in minutes and seconds', () => {
    expect(countdownText(29 * 60_000 + 5_000)).toBe('29 分 05 秒');
    expect(countdownText(400)).toBe('0 分 01 秒');
    expect(countdownText(-5)).toBe('0 分 00 秒');
  });

  it('title the browser page in Chinese until the first page names itself (client/index.html)', () => {
    const html = readFileSync(path.join(__dirname, '../../client/index.html'), 'utf8');
    const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '';
    expect(title).toMatch(CHINESE);
    expect(title).not.toMatch(/[A-Za-z]/);
  });
});
