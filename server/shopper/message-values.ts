/**
 * The facts of a paid order, written as WeChat subscribe message values. A template's keys are
 * `<type><n>` (thing1, amount2, …) and each type has its own rule (订阅消息参数值内容限制):
 * thing ≤ 20 characters; character_string ≤ 32 digits, letters or symbols; amount a currency
 * symbol and ≤ 10 digits ("¥59.00"); number digits; time a 24-hour time with an optional date
 * ("2026年12月2日 19:54"); date a date; phrase ≤ 5 Chinese characters. Which fact goes to which
 * key is a setting (the keys depend on the template chosen in the console); which types a fact
 * can be written as is fixed here.
 */
import type { OrderLine } from '../gateways/contract';
import { formatYuan, type Fen } from '../platform/money';

export const MESSAGE_FACTS = ['orderNo', 'amount', 'items', 'paidAt', 'shopName', 'result'] as const;
export type MessageFact = (typeof MESSAGE_FACTS)[number];

/** The template value types each fact can be written as. */
export const FACT_TYPES: Readonly<Record<MessageFact, readonly string[]>> = {
  orderNo: ['character_string'],
  amount: ['amount', 'number'],
  items: ['thing'],
  paidAt: ['time', 'date'],
  shopName: ['thing'],
  result: ['phrase', 'thing'],
};

export interface PaidFacts {
  orderNo: string;
  amount: Fen;
  lines: readonly OrderLine[];
  paidAt: number;
  shopName: string;
}

/** The type a template key carries: `character_string12` → `character_string`. */
export function keyType(key: string): string | undefined {
  return /^([a-z]+(?:_[a-z]+)*)\d+$/.exec(key)?.[1];
}

const THING_MAX = 20;
/** Chinese shoppers read Beijing time; China has no daylight saving time. */
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Within `max` characters (not UTF-16 units), one line, marked with … when cut. */
export function fitText(text: string, max = THING_MAX): string {
  const chars = Array.from(text.replace(/\p{Cc}+/gu, ' ').trim());
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/** "西湖龙井 ×2", or "西湖龙井等3件商品" for several lines; the name is cut first so the count stays. */
export function describeItems(lines: readonly OrderLine[]): string {
  const first = lines[0];
  if (!first) return '商品';
  const tail = lines.length === 1 ? ` ×${first.quantity}` : `等${lines.reduce((sum, line) => sum + line.quantity, 0)}件商品`;
  return `${fitText(first.name, THING_MAX - Array.from(tail).length)}${tail}`;
}

export function beijingTime(at: number, withClock: boolean): string {
  const d = new Date(at + BEIJING_OFFSET_MS);
  const date = `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
  if (!withClock) return date;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** One value, as `type` requires it. The caller has checked `FACT_TYPES` (settings do). */
export function messageValue(fact: MessageFact, type: string, facts: PaidFacts): string {
  switch (fact) {
    case 'orderNo':
      return facts.orderNo;
    case 'amount':
      return type === 'amount' ? `¥${formatYuan(facts.amount)}` : formatYuan(facts.amount);
    case 'items':
      return describeItems(facts.lines);
    case 'paidAt':
      return beijingTime(facts.paidAt, type === 'time');
    case 'shopName':
      return fitText(facts.shopName);
    case 'result':
      return '支付成功';
  }
}

/** The `data` of subscribeMessage.send: `{key: {value}}` for each configured key. */
export function messageData(fields: Readonly<Record<string, MessageFact>>, facts: PaidFacts): Record<string, { value: string }> {
  const data: Record<string, { value: string }> = {};
  for (const [key, fact] of Object.entries(fields)) data[key] = { value: messageValue(fact, keyType(key) ?? '', facts) };
  return data;
}
