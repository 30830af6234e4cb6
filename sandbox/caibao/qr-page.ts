/**
 * What the `qrCode` of open.pay.scan points at: a page standing in for the wallet app that scanned
 * it, with the amount and Pay / Cancel buttons (plain forms: works without JavaScript).
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

export function renderQrPage(order: CaibaoOrder): string {
  const id = encodeURIComponent(order.cbOrderNo);
  const waiting = order.status === 'WAIT_PAY';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Caibao sandbox: ${order.channel === 'ALIPAY' ? 'Alipay' : 'WeChat Pay'}</title>
<style>body{font-family:sans-serif;max-width:420px;margin:2em auto;padding:0 1em;text-align:center}
.amount{font-size:2.2em;margin:.4em 0}button{font-size:1.1em;padding:.6em 2em;margin:.4em;border-radius:6px;border:0}
#pay{background:#07c160;color:#fff}#cancel{background:#eee}form{display:inline}</style></head>
<body>
<h1>Caibao sandbox</h1>
<p class="channel">${order.channel === 'ALIPAY' ? 'Alipay' : 'WeChat Pay'} · ${escapeHtml(order.cbOrderNo)}</p>
<p class="subject">${escapeHtml(order.subject)}</p>
<p class="amount" data-fen="${order.amount}">${yuan(order.amount)}</p>
<p>Status: <span id="status">${order.status}</span></p>
${
  waiting
    ? `<form method="post" action="/qr/${id}/pay"><button id="pay" type="submit">Pay</button></form>
<form method="post" action="/qr/${id}/cancel"><button id="cancel" type="submit">Cancel</button></form>`
    : ''
}
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
