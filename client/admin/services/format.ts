/** How the console writes statuses, times and days (China time, as the server's days are). */
import { formatFen } from '../../services/money';

export const STATUS_TEXT: Record<string, string> = {
  CREATED: '待支付',
  PAYING: '支付中',
  UNKNOWN: '结果未知',
  PAID: '已支付',
  CLOSED: '已关闭',
  FAILED: '失败',
  REFUNDING: '退款中',
  PARTIALLY_REFUNDED: '部分退款',
  REFUNDED: '已退款',
};

export const EVENT_TEXT: Record<string, string> = { create: '下单', query: '查询', close: '关单', refund: '退款', notification: '通知', message: '订阅消息' };

export const yuan = formatFen;

const CST_MS = 8 * 3_600_000;

export function timeText(epochMs: number): string {
  return new Date(epochMs + CST_MS).toISOString().slice(0, 19).replace('T', ' ');
}

export function today(now = Date.now()): string {
  return new Date(now + CST_MS).toISOString().slice(0, 10);
}

/** "12.30" or "12" → 1230 fen; anything else → undefined. Integer arithmetic only. */
export function parseYuan(text: string): number | undefined {
  const match = /^(\d{1,8})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** A refund number for one confirm dialog: the same number if the merchant retries it, a new one for a new refund. */
export function newRefundNo(now = Date.now()): string {
  return `RF${now.toString(36).toUpperCase()}${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
}
