/**
 * A pass-through HTTP proxy between an adapter and its sandbox, for the one race the sandboxes
 * cannot stage by themselves: the shopper pays (and the provider notifies) before the provider's
 * answer to our create call has reached us. `holdAnswer(fn)` runs `fn(answerText)` after the
 * sandbox answered and before the answer is passed on.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Proxy {
  url: string;
  holdAnswer(hook: ((answerText: string) => Promise<void>) | undefined): void;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startProxy(target: string): Promise<Proxy> {
  let hook: ((answerText: string) => Promise<void>) | undefined;
  const pending = new Set<AbortController>();
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const body = await readBody(request);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (typeof value === 'string' && name !== 'host' && name !== 'content-length' && name !== 'connection') headers[name] = value;
    }
    const abort = new AbortController();
    pending.add(abort);
    try {
      const answer = await fetch(`${target}${request.url ?? '/'}`, {
        method: request.method,
        headers,
        body: request.method === 'GET' || request.method === 'HEAD' ? undefined : new Uint8Array(body),
        signal: abort.signal,
      });
      const bytes = Buffer.from(await answer.arrayBuffer());
      const current = hook;
      if (current) {
        hook = undefined;
        await current(bytes.toString('utf8'));
      }
      response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/octet-stream' });
      response.end(bytes);
    } catch {
      // The sandbox reset or never answered: do the same to our caller.
      request.socket.destroy();
    } finally {
      pending.delete(abort);
    }
  };
  const server: Server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    holdAnswer: (next) => {
      hook = next;
    },
    close: async () => {
      for (const abort of pending) abort.abort();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
