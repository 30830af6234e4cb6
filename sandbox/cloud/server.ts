/**
 * The local cloud over HTTP, for local runs (the H5 shop in a browser, provider sandboxes):
 * - `POST /functions/<name>`: what `wx.cloud.callFunction` does from the mini program. The body is
 *   the call's `data` (JSON); the caller's OPENID comes from the identity the local cloud issued
 *   (see identity.ts), never from the request; SOURCE `wx_client`. Reply: `{result, requestID, errMsg}`.
 * - `ANY /http/<name>/...`: the HTTP access service: the request becomes an HTTP-trigger event
 *   (raw body preserved) for function `<name>`, SOURCE `wx_http`, no OPENID.
 * - `POST /identity`: the browser's identity (issued on first use), `{openid, token}`.
 * - `POST /identity/admin` `{on}`: switches this browser to the merchant's administrator
 *   (LOCAL_ADMIN_OPENID) and back to the shopper it was; a local convenience, like the cashier.
 * - `POST /openapi/subscribe` `{tmplIds}`: what wx.requestSubscribeMessage does (the shopper allows
 *   one message per template); `GET /openapi/messages`: the subscribe messages sent to this shopper.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { buildHttpEvent, replyFromResult } from './http-trigger';
import { IDENTITY_COOKIE, IDENTITY_HEADER, IdentityIssuer, LOCAL_ADMIN_OPENID, readCookie, SHOPPER_COOKIE } from './identity';
import { FunctionNotFoundError, type LocalCloud } from './runtime';

export interface LocalCloudServerOptions {
  /** The mini program AppID the local cloud reports as APPID. */
  appId: string;
  identity: IdentityIssuer;
}

const LOOPBACK_ORIGIN = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/;

function allowLoopbackOrigin(request: FastifyRequest, reply: FastifyReply): void {
  const origin = request.headers.origin;
  if (!origin || !LOOPBACK_ORIGIN.test(origin)) return;
  reply.header('access-control-allow-origin', origin);
  reply.header('access-control-allow-credentials', 'true');
  reply.header('access-control-allow-headers', `content-type, ${IDENTITY_HEADER}`);
  reply.header('access-control-allow-methods', 'GET, POST, OPTIONS');
  reply.header('vary', 'origin');
}

/** `{tmplIds: [...]}` as wx.requestSubscribeMessage takes it (1-3 ids), or undefined. */
function templateIdsIn(body: unknown): string[] | undefined {
  if (!Buffer.isBuffer(body)) return undefined;
  try {
    const ids = (JSON.parse(body.toString('utf8')) as { tmplIds?: unknown }).tmplIds;
    if (!Array.isArray(ids) || ids.length < 1 || ids.length > 3) return undefined;
    return ids.every((id): id is string => typeof id === 'string' && /^[A-Za-z0-9_-]{1,128}$/.test(id)) ? ids : undefined;
  } catch {
    return undefined;
  }
}

export function createLocalCloudServer(cloud: LocalCloud, options: LocalCloudServerOptions): FastifyInstance {
  const app = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: 1024 * 1024 });
  // Every body arrives as raw bytes: HTTP triggers need them untouched; /functions parses JSON itself.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.addHook('onRequest', async (request, reply) => {
    allowLoopbackOrigin(request, reply);
    if (request.method === 'OPTIONS') return reply.code(204).send();
  });

  const identify = (request: FastifyRequest, reply: FastifyReply): { openid: string; token: string } => {
    const header = request.headers[IDENTITY_HEADER];
    const token = (typeof header === 'string' ? header : undefined) ?? readCookie(request.headers.cookie, IDENTITY_COOKIE);
    const openid = options.identity.verify(token);
    if (openid && token) return { openid, token };
    const issued = options.identity.issue();
    reply.header('set-cookie', `${IDENTITY_COOKIE}=${encodeURIComponent(issued.token)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000`);
    return issued;
  };

  app.post('/identity', async (request, reply) => {
    const { openid, token } = identify(request, reply);
    return { openid, token };
  });

  const cookie = (name: string, value: string, maxAge = 31536000) => `${name}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}`;
  app.post('/identity/admin', async (request, reply) => {
    let on = false;
    try {
      on = (JSON.parse(Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '{}') as { on?: unknown }).on === true;
    } catch {
      return reply.code(400).send({ errMsg: 'body must be JSON {"on": true|false}' });
    }
    const current = identify(request, reply);
    if (on) {
      const admin = options.identity.issue(LOCAL_ADMIN_OPENID);
      const shopper = current.openid === LOCAL_ADMIN_OPENID ? readCookie(request.headers.cookie, SHOPPER_COOKIE) : current.token;
      reply.header('set-cookie', [cookie(IDENTITY_COOKIE, admin.token), ...(shopper ? [cookie(SHOPPER_COOKIE, shopper)] : [])]);
      return { openid: admin.openid, admin: true };
    }
    const saved = readCookie(request.headers.cookie, SHOPPER_COOKIE);
    const openid = options.identity.verify(saved);
    const shopper = openid && saved && openid !== LOCAL_ADMIN_OPENID ? { openid, token: saved } : options.identity.issue();
    reply.header('set-cookie', [cookie(IDENTITY_COOKIE, shopper.token), cookie(SHOPPER_COOKIE, '', 0)]);
    return { openid: shopper.openid, admin: false };
  });

  // What wx.requestSubscribeMessage does in WeChat (the shopper allows one message per template), for the H5 client.
  app.post('/openapi/subscribe', async (request, reply) => {
    const { openid } = identify(request, reply);
    const tmplIds = templateIdsIn(request.body);
    if (!tmplIds) return reply.code(400).send({ errCode: 10001, errMsg: 'requestSubscribeMessage:fail TmplIds can not be empty' });
    cloud.subscribeMessages.accept(openid, tmplIds);
    return { errMsg: 'requestSubscribeMessage:ok', ...Object.fromEntries(tmplIds.map((id) => [id, 'accept'])) };
  });

  // The subscribe messages sent to this browser's shopper (what WeChat shows under 服务通知).
  app.get('/openapi/messages', async (request, reply) => {
    const { openid } = identify(request, reply);
    return { messages: cloud.subscribeMessages.forUser(openid) };
  });

  app.post<{ Params: { name: string } }>('/functions/:name', async (request, reply) => {
    const { openid } = identify(request, reply);
    const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    let data: unknown = {};
    if (raw.length > 0) {
      try {
        data = JSON.parse(raw.toString('utf8'));
      } catch {
        return reply.code(400).send({ errCode: -501001, errMsg: 'cloud.callFunction:fail request body is not JSON' });
      }
    }
    try {
      const result = await cloud.invoke(request.params.name, data, {
        OPENID: openid,
        APPID: options.appId,
        SOURCE: 'wx_client',
        CLIENTIP: request.ip,
      });
      return { result, requestID: request.id, errMsg: 'cloud.callFunction:ok' };
    } catch (err) {
      if (err instanceof FunctionNotFoundError) return reply.code(404).send({ errCode: err.errCode, errMsg: `cloud.callFunction:fail ${err.message}` });
      return reply.code(500).send({ errCode: -504002, errMsg: 'cloud.callFunction:fail functions execute fail' });
    }
  });

  const httpTrigger = async (request: FastifyRequest<{ Params: { name: string; '*'?: string } }>, reply: FastifyReply) => {
    const { name } = request.params;
    const rest = request.params['*'] ?? '';
    const event = buildHttpEvent({
      path: `/${name}${rest ? `/${rest}` : ''}`,
      method: request.method,
      headers: request.headers,
      query: request.query as Record<string, string>,
      body: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
    });
    try {
      const out = replyFromResult(await cloud.invoke(name, event, { SOURCE: 'wx_http', CLIENTIP: request.ip }));
      return reply.code(out.statusCode).headers(out.headers).send(out.body);
    } catch (err) {
      if (err instanceof FunctionNotFoundError) return reply.code(404).send({ errCode: err.errCode, errMsg: err.message });
      return reply.code(502).send({ errCode: -504002, errMsg: 'functions execute fail' });
    }
  };
  app.all('/http/:name', httpTrigger);
  app.all('/http/:name/*', httpTrigger);
  return app;
}
