/**
 * The "payment succeeded" subscribe message (订阅消息), sent through `cloud.openapi.subscribeMessage.send`
 * by the call whose compare-and-set made the order PAID — once per order, whichever way the payment
 * was learnt (notification, status query, reconcile). The shopper allowed it in the Pay tap
 * (wx.requestSubscribeMessage); the function declares `subscribeMessage.send` in its config.json.
 *
 * Sending never affects the payment: it runs after the order is PAID and recorded, every failure
 * (refused by WeChat, unreachable, too slow) is caught, logged and recorded in payment_events
 * (kind `message`, outcome `sent` | `failed`, WeChat's errcode in errorCode).
 */
import * as v from 'valibot';
import { orderPagePath } from '../../api/paths';
import type { ProviderName } from '../gateways/contract';
import { readEnvGroup, type Env } from '../platform/config';
import { createLogger, scrubText } from '../platform/log';
import type { PaymentEventLog } from '../orders/events';
import type { Order } from '../orders/model';
import { FACT_TYPES, keyType, MESSAGE_FACTS, messageData, type MessageFact } from './message-values';

const log = createLogger('shopper.paid-message');

export const PAID_MESSAGE_ENV = {
  templateId: 'PAID_MESSAGE_TEMPLATE_ID',
  page: 'PAID_MESSAGE_PAGE',
  fields: 'PAID_MESSAGE_FIELDS',
  miniprogramState: 'PAID_MESSAGE_MINIPROGRAM_STATE',
} as const;

/** A template from the public library with these keys (订单号, 支付金额, 商品名称, 支付时间); set yours. */
export const DEFAULT_PAID_MESSAGE_FIELDS = 'character_string1=orderNo,amount2=amount,thing3=items,time4=paidAt';
/** How long a send may take before it is given up (and recorded as failed): a notification is waiting. */
export const SEND_DEADLINE_MS = 3_000;

/** `key=fact,key=fact`: each key a template keyword whose type can carry that fact. */
const fieldsSchema = v.pipe(v.string(), v.rawTransform(({ dataset: { value: text }, addIssue, NEVER }) => {
  const fields: Record<string, MessageFact> = {};
  for (const pair of text.split(',').map((part) => part.trim()).filter(Boolean)) {
    const [key = '', fact = ''] = pair.split('=').map((part) => part.trim());
    const type = keyType(key);
    if (!type || !(MESSAGE_FACTS as readonly string[]).includes(fact)) {
      addIssue({ message: `"${pair}" is not keyword=fact (facts: ${MESSAGE_FACTS.join(', ')})` });
      return NEVER;
    }
    if (!FACT_TYPES[fact as MessageFact].includes(type)) {
      addIssue({ message: `${fact} cannot be written as ${type} (use ${FACT_TYPES[fact as MessageFact].join(' or ')})` });
      return NEVER;
    }
    if (key in fields) {
      addIssue({ message: `${key} is given twice` });
      return NEVER;
    }
    fields[key] = fact as MessageFact;
  }
  if (Object.keys(fields).length === 0) {
    addIssue({ message: 'at least one keyword=fact' });
    return NEVER;
  }
  return fields;
}));

/** Read by every payment function (loadPaymentConfig); also the source of the README's table (npm run config:doc). */
export const paidMessageSettingsSchema = v.object({
  templateId: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,128}$/, 'must be the template id from the console'))),
  /** `{orderNo}` is replaced with the paid order's number; absent: the shop's order page (api orderPagePath). */
  page: v.optional(
    v.pipe(v.string(), v.regex(/^[A-Za-z0-9_\-/]+(\?[^\s]*)?$/, 'must be a page of the mini program, e.g. pages/order/index?orderNo={orderNo}')),
  ),
  fields: v.optional(fieldsSchema, DEFAULT_PAID_MESSAGE_FIELDS),
  miniprogramState: v.optional(v.picklist(['developer', 'trial', 'formal']), 'formal'),
});

export interface PaidMessageSettings {
  templateId: string;
  page?: string;
  fields: Readonly<Record<string, MessageFact>>;
  miniprogramState: 'developer' | 'trial' | 'formal';
}

/** Off (undefined) unless PAID_MESSAGE_TEMPLATE_ID is set; a malformed setting is CONFIG_INVALID naming it. */
export function loadPaidMessageSettings(env: Env): PaidMessageSettings | undefined {
  // None of them set: off, and nothing to check (the defaults are valid); no parse at every cold start.
  if (Object.values(PAID_MESSAGE_ENV).every((variable) => env[variable] === undefined || env[variable] === '')) return undefined;
  const { templateId, page, ...rest } = readEnvGroup(env, PAID_MESSAGE_ENV, paidMessageSettingsSchema);
  return templateId ? { templateId, ...(page ? { page } : {}), ...rest } : undefined;
}

/** The part of wx-server-sdk's `cloud.openapi` this uses (camelCase; the SDK converts). */
export interface SubscribeMessageApi {
  subscribeMessage: {
    send(params: {
      touser: string;
      templateId: string;
      page?: string;
      data: Record<string, { value: string }>;
      miniprogramState?: string;
      lang?: string;
    }): Promise<unknown>;
  };
}

export interface PaidMessageDeps {
  openapi: SubscribeMessageApi | undefined;
  settings: PaidMessageSettings;
  events: PaymentEventLog;
  provider: ProviderName;
  shopName: string;
  now: () => number;
}

function failureOf(err: unknown): { code: string; message: string } {
  const wx = err as { errCode?: unknown; errMsg?: unknown } | null;
  if (wx && (typeof wx.errCode === 'number' || typeof wx.errCode === 'string')) {
    return { code: String(wx.errCode), message: scrubText(typeof wx.errMsg === 'string' ? wx.errMsg : '').slice(0, 200) };
  }
  return { code: 'SEND_FAILED', message: scrubText(err instanceof Error ? err.message : 'unexpected failure').slice(0, 200) };
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    timer.unref?.();
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** Send the message for an order that was just made PAID. Never throws. */
export async function sendPaidMessage(deps: PaidMessageDeps, order: Order): Promise<void> {
  const { settings } = deps;
  const base = { kind: 'message' as const, provider: deps.provider, orderNo: order.orderNo, orderId: order._id };
  try {
    if (!deps.openapi) throw new Error('cloud.openapi is not available');
    const data = messageData(settings.fields, {
      orderNo: order.orderNo,
      amount: order.amount,
      lines: order.lines,
      paidAt: order.paidAt ?? deps.now(),
      shopName: deps.shopName,
    });
    await withDeadline(
      deps.openapi.subscribeMessage.send({
        touser: order.openid,
        templateId: settings.templateId,
        page: settings.page ? settings.page.split('{orderNo}').join(encodeURIComponent(order.orderNo)) : orderPagePath(order.orderNo),
        data,
        miniprogramState: settings.miniprogramState,
        lang: 'zh_CN',
      }),
      SEND_DEADLINE_MS,
    );
    await deps.events.tryRecord({ ...base, outcome: 'sent' });
  } catch (err) {
    const failure = failureOf(err);
    // 43101: the shopper did not allow (or already used) the subscription — expected, not an alarm.
    log.warn('payment message not sent; the payment is unaffected', { orderNo: order.orderNo, errorCode: failure.code });
    await deps.events.tryRecord({ ...base, outcome: 'failed', errorCode: failure.code, message: failure.message });
  }
}
