/**
 * `GET /messages`: the subscribe messages the local cloud sent to this browser's shopper (as
 * WeChat shows them under 服务通知), newest first, and those WeChat would have refused, with the
 * errcode. The shopper is the browser's local identity (cookie), as for its function calls.
 */
import type { FastifyInstance } from 'fastify';
import { IDENTITY_COOKIE, readCookie, type IdentityIssuer } from '../cloud/identity';
import type { SubscribeMessageRecord, SubscribeMessages } from '../cloud/openapi';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function renderMessage(message: SubscribeMessageRecord): string {
  const rows = Object.entries(message.data)
    .map(([key, entry]) => `<tr><th>${escapeHtml(key)}</th><td>${escapeHtml(String(entry?.value ?? ''))}</td></tr>`)
    .join('');
  const outcome = message.errCode === 0 ? '<span class="ok">已送达</span>' : `<span class="refused">未送达 (errcode ${message.errCode}: ${escapeHtml(message.errMsg)})</span>`;
  return `<li><p class="meta">${escapeHtml(new Date(message.at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }))} · 模板 ${escapeHtml(message.templateId)} · ${outcome}</p>
<table>${rows}</table><p class="page">点击进入：${escapeHtml(message.page ?? '（无跳转）')}</p></li>`;
}

export function renderMessagesPage(messages: readonly SubscribeMessageRecord[]): string {
  const items = messages.length === 0 ? '<p class="empty">还没有服务通知。支付成功后，这里会显示发送给你的订阅消息。</p>' : `<ol>${[...messages].reverse().map(renderMessage).join('')}</ol>`;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>服务通知（本地）</title><style>
body{font-family:system-ui,sans-serif;background:#ededed;margin:0;padding:16px;color:#111}h1{font-size:18px}ol{list-style:none;padding:0}
li{background:#fff;border-radius:8px;padding:12px 16px;margin-bottom:12px}.meta{color:#888;font-size:12px;margin:0 0 8px}
th{text-align:left;color:#888;font-weight:normal;padding-right:16px}td{word-break:break-all}.ok{color:#07c160}.refused{color:#fa5151}.page{color:#576b95;font-size:13px}.empty{color:#888}
</style></head><body><h1>服务通知（本地云记录的订阅消息）</h1>${items}<p><a href="/">返回商店</a></p></body></html>`;
}

export function registerMessagesPage(app: FastifyInstance, messages: SubscribeMessages, identity: IdentityIssuer): void {
  app.get('/messages', async (request, reply) => {
    const openid = identity.verify(readCookie(request.headers.cookie, IDENTITY_COOKIE));
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(renderMessagesPage(openid ? messages.forUser(openid) : []));
  });
}
