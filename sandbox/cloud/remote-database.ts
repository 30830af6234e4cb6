/**
 * The local database in another process, as CloudBase's database is another machine: a server that
 * runs each operation on a LocalDatabase (`serveDatabase`), and the SDK's side for the process that
 * runs the functions (`RemoteDatabase`: the same API as database.ts, each terminal operation one
 * HTTP POST over loopback on a keep-alive connection, as the real SDK makes one request per
 * operation). The server adds nothing: a conditional update is still one NeDB update there.
 *
 * Not modelled: TLS and the request signing of the real SDK (its client costs more per round trip).
 * Dates cross as `{"$date": ms}`; errors as `{errCode, errMsg}`, thrown again as CloudDatabaseError.
 */
import { Agent, createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudDatabaseError, Database, type DatabaseRequest } from './database';

type Answer = { ok: unknown } | { error: { errCode: number; errMsg: string } };

function hasDate(value: unknown): boolean {
  if (value instanceof Date) return true;
  if (value === null || typeof value !== 'object') return false;
  for (const inner of Array.isArray(value) ? value : Object.values(value)) if (hasDate(inner)) return true;
  return false;
}

function encode(value: unknown): string {
  if (!hasDate(value)) return JSON.stringify(value);
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, inner: unknown) {
    const raw = this[key];
    return raw instanceof Date ? { $date: raw.getTime() } : inner;
  });
}

function decode(text: string): unknown {
  if (!text.includes('"$date"')) return JSON.parse(text);
  return JSON.parse(text, (_key, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const keys = Object.keys(value);
      const ms = (value as { $date?: unknown }).$date;
      if (keys.length === 1 && typeof ms === 'number') return new Date(ms);
    }
    return value;
  });
}

function readBody(message: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    message.on('data', (chunk: Buffer) => chunks.push(chunk));
    message.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    message.on('error', reject);
  });
}

export interface ServedDatabase {
  url: string;
  close(): Promise<void>;
}

/** Serves `db` (a LocalDatabase) on loopback: POST / with one operation, answered `{ok}` or `{error}`. */
export async function serveDatabase(db: Database): Promise<ServedDatabase> {
  const server = createServer((req, res) => {
    void (async () => {
      let answer: Answer;
      try {
        answer = { ok: await db.execute(decode(await readBody(req)) as DatabaseRequest) };
      } catch (err) {
        answer =
          err instanceof CloudDatabaseError
            ? { error: { errCode: err.errCode, errMsg: err.errMsg } }
            : { error: { errCode: -1, errMsg: err instanceof Error ? err.message : String(err) } };
      }
      const body = encode(answer);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    })();
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The SDK's side of a database served by `serveDatabase` (another process). */
export class RemoteDatabase extends Database {
  private readonly target: { host: string; port: string; path: string };
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });

  constructor(url: string) {
    super();
    const { hostname, port, pathname } = new URL(url);
    this.target = { host: hostname, port, path: pathname };
  }

  /** @internal */
  execute(request: DatabaseRequest): Promise<unknown> {
    const body = encode(request);
    const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
    return new Promise((resolve, reject) => {
      const req = httpRequest({ ...this.target, method: 'POST', agent: this.agent, headers }, (res) => {
        readBody(res).then((text) => {
          const answer = decode(text) as Answer;
          if ('error' in answer) reject(new CloudDatabaseError(answer.error.errCode, answer.error.errMsg));
          else resolve(answer.ok);
        }, reject);
      });
      req.on('error', (err) => reject(new CloudDatabaseError(-501001, `database unreachable: ${err.message}`)));
      req.end(body);
    });
  }

  async close(): Promise<void> {
    this.agent.destroy();
  }
}
