/**
 * What the `qrCode` of open.pay.scan points at: a page standing in for the wallet app that scanned
 * it, with the amount and 立即支付 / 取消 buttons (plain forms: works without JavaScript).
 *   GET  /qr/:cbOrderNo          the page
 *   POST /qr/:cbOrderNo/pay      pays a waiting order (then notifies), 303 back to the page
 *   POST /qr/:cbOrderNo/cancel   the payer gives up: the order becomes CANCEL, 303 back
 */
import type { FastifyInstance } from 'fastify';
import type { CaibaoOrder, CaibaoOrderBook } from './orders';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function yuan(fen: number): string {
  return `¥${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

/** What the wallet app says of the order, in its own words (the status code stays in data-status). */
const STATUS_WORDS: Record<CaibaoOrder['status'], string> = {
  WAIT_PAY: '待支付',
  PAY_SUC: '支付成功',
  PART_REFUND: '已部分退款',
  ALL_REFUND: '已全额退款',
  REVERSED: '已撤销',
  CANCEL: '已取消',
  PAY_FAIL: '支付失败',
};

/**
 * In Chinese, as the wallet's own page would be: the wallet's name (微信支付 / 支付宝), the merchant's
 * subject, the amount, 立即支付 / 取消; Caibao named at the foot, as the provider that serves the payment.
 */
export function renderQrPage(order: CaibaoOrder): string {
  const id = encodeURIComponent(order.cbOrderNo);
  const waiting = order.status === 'WAIT_PAY';
  const wallet = order.channel === 'ALIPAY' ? '支付宝' : '微信支付';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${wallet}（沙箱）</title><link rel="icon" href="data:,">
<style>body{font-family:sans-serif;max-width:420px;margin:2em auto;padding:0 1em;text-align:center}
.amount{font-size:2.2em;margin:.4em 0}button{font-size:1.1em;padding:.6em 2em;margin:.4em;border-radius:6px;border:0}
.status{color:#555}.provider{margin-top:2em;font-size:.8em;color:#999}
#pay{background:#07c160;color:#fff}#cancel{background:#eee}form{display:inline}</style></head>
<body>
<h1 class="channel">${wallet}</h1>
<p class="subject">${escapeHtml(order.subject)}</p>
<p class="amount" data-fen="${order.amount}">${yuan(order.amount)}</p>
<p class="status">订单状态：<span id="status" data-status="${order.status}">${STATUS_WORDS[order.status]}</span></p>
${
  waiting
    ? `<form method="post" action="/qr/${id}/pay"><button id="pay" type="submit">立即支付</button></form>
<form method="post" action="/qr/${id}/cancel"><button id="cancel" type="submit">取消</button></form>`
    : ''
}
<p class="provider">本服务由 Caibao 提供（沙箱） · 订单号 ${escapeHtml(order.cbOrderNo)}</p>
</body></html>`;
}

export function registerQrRoutes(app: FastifyInstance, orders: CaibaoOrderBook, actions: { pay(order: CaibaoOrder): void; cancel(order: CaibaoOrder): void }): void {
  const scanOrder = (cbOrderNo: string) => {
    const order = orders.get(cbOrderNo);
    return order?.command === 'open.pay.scan' ? order : undefined;
  };
  app.get<{ Params: { cbOrderNo: string } }>('/qr/:cbOrderNo', async (request, reply) => {
    const order = scanOrder(request.params.cbOrderNo);
    if (!order) return reply.code(404).type('text/plain; charset=utf-8').send('unknown order');
    return reply.type('text/html; charset=utf-8').send(renderQrPage(order));
  });
  for (const action of ['pay', 'cancel'] as const) {
    app.post<{ Params: { cbOrderNo: string } }>(`/qr/:cbOrderNo/${action}`, async (request, reply) => {
      const order = scanOrder(request.params.cbOrderNo);
      if (!order) return reply.code(404).type('text/plain; charset=utf-8').send('unknown order');
      actions[action](order);
      return reply.redirect(`/qr/${encodeURIComponent(order.cbOrderNo)}`, 303);
    });
  }
}
