/**
 * The cashier over HTTP, for the local shop in a browser (where `wx.requestPayment` does not
 * exist): a page per prepay id with Pay / Cancel buttons, and the POST endpoints the page (or the
 * H5 client's own `requestPayment`) calls with the five pay parameters.
 *
 *   GET  /cashier/prepay/:prepayId          HTML page (optional `?return=<url>`: go there afterwards
 *                                           with `errMsg` appended)
 *   GET  /cashier/prepay/:prepayId/status   {prepayId, status, amount, description, provider}
 *   POST /cashier/pay     {timeStamp, nonceStr, package, signType, paySign, appId?} → {errMsg}
 *   POST /cashier/cancel  same                                                        → {errMsg}
 *
 * The calling mini program's AppID is the one the routes are mounted for (`options.appId`: the
 * local shop serves one mini program), else the body's `appId` (a stand-alone cashier told by its
 * client who calls); the cashier refuses params issued for another AppID ("appid mismatch").
 */
import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { check, describeIssues } from '../../server/platform/validation';
import type { Cashier, Prepay } from './cashier';
import { createSandboxApp } from './server';

const payParamsSchema = v.object({
  timeStamp: v.pipe(v.string(), v.minLength(1)),
  nonceStr: v.pipe(v.string(), v.minLength(1)),
  package: v.pipe(v.string(), v.minLength(1)),
  signType: v.picklist(['MD5', 'HMAC-SHA256', 'RSA']),
  paySign: v.pipe(v.string(), v.minLength(1)),
  appId: v.optional(v.pipe(v.string(), v.minLength(1))),
});

export interface CashierRouteOptions {
  /** The mini program these routes serve (the calling AppID of every pay/cancel). */
  appId?: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function formatFen(amount: number): string {
  return `¥${Math.floor(amount / 100)}.${String(amount % 100).padStart(2, '0')}`;
}

/** Only http(s) URLs are followed after paying: anything else is ignored. */
function safeReturnUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

export function renderCashierPage(prepay: Readonly<Prepay>, returnUrl?: string): string {
  const { appId: _appId, ...payParams } = prepay.params;
  const data = JSON.stringify({ params: payParams, returnUrl: returnUrl ?? null }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Sandbox WeChat Pay</title>
<style>body{font-family:sans-serif;max-width:420px;margin:2em auto;padding:0 1em;text-align:center}
.amount{font-size:2.2em;margin:.4em 0}button{font-size:1.1em;padding:.6em 2em;margin:.4em;border-radius:6px;border:0}
#pay{background:#07c160;color:#fff}#cancel{background:#eee}#result{margin-top:1em;min-height:1.5em}</style></head>
<body>
<h1>Sandbox WeChat Pay</h1>
<p class="provider">${escapeHtml(prepay.provider)}</p>
<p class="description">${escapeHtml(prepay.description)}</p>
<p class="amount" data-fen="${prepay.amount}">${formatFen(prepay.amount)}</p>
<p class="status">Status: <span id="status">${prepay.status}</span></p>
<button id="pay" type="button">Pay</button><button id="cancel" type="button">Cancel</button>
<p id="result" role="status"></p>
<script>
const data = ${data};
async function send(action) {
  const res = await fetch('/cashier/' + action, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify(data.params)});
  const body = await res.json();
  document.getElementById('result').textContent = body.errMsg;
  if (body.errMsg === 'requestPayment:ok') document.getElementById('status').textContent = 'PAID';
  if (data.returnUrl) {
    const next = new URL(data.returnUrl);
    next.searchParams.set('errMsg', body.errMsg);
    location.href = next.toString();
  }
}
document.getElementById('pay').addEventListener('click', () => send('pay'));
document.getElementById('cancel').addEventListener('click', () => send('cancel'));
</script>
</body></html>`;
}

/** Adds the cashier routes to `app` (with permissive CORS: the H5 shop runs on another port). */
export function registerCashierRoutes(app: FastifyInstance, cashier: Cashier, options: CashierRouteOptions = {}): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/cashier/')) return;
    reply.header('access-control-allow-origin', '*');
    reply.header('access-control-allow-headers', 'content-type');
    reply.header('access-control-allow-methods', 'GET, POST, OPTIONS');
  });
  app.options('/cashier/*', async (_request, reply) => reply.code(204).send());

  app.get<{ Params: { prepayId: string }; Querystring: { return?: string } }>('/cashier/prepay/:prepayId', async (request, reply) => {
    const prepay = cashier.find(request.params.prepayId);
    if (!prepay) return reply.code(404).type('text/plain; charset=utf-8').send('unknown prepay id');
    return reply.type('text/html; charset=utf-8').send(renderCashierPage(prepay, safeReturnUrl(request.query.return)));
  });

  app.get<{ Params: { prepayId: string } }>('/cashier/prepay/:prepayId/status', async (request, reply) => {
    const prepay = cashier.find(request.params.prepayId);
    if (!prepay) return reply.code(404).send({ error: 'unknown prepay id' });
    const { prepayId, status, amount, description, provider } = prepay;
    return { prepayId, status, amount, description, provider };
  });

  for (const action of ['pay', 'cancel'] as const) {
    app.post(`/cashier/${action}`, async (request, reply) => {
      const parsed = check(payParamsSchema, request.body);
      if (!parsed.success) return reply.code(400).send({ errMsg: `requestPayment:fail ${describeIssues(parsed.issues)}` });
      const { appId, ...params } = parsed.output;
      const caller = options.appId ?? appId;
      return action === 'pay' ? cashier.pay(params, caller) : cashier.cancel(params, caller);
    });
  }
}

/** A stand-alone cashier server. */
export function createCashierApp(cashier: Cashier, options: CashierRouteOptions = {}): FastifyInstance {
  const app = createSandboxApp();
  registerCashierRoutes(app, cashier, options);
  return app;
}
