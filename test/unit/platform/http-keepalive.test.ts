import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { observePosts, postRaw, TransportError } from '../../../server/platform/http';

/** What postRaw on node:http adds to the fetch-era tests: keep-alive sockets, cut bodies, one deadline. */
describe('postRaw over keep-alive sockets', () => {
  let server: Server;
  let url: string;
  let handle: (req: IncomingMessage, res: ServerResponse) => void;
  let arrivals = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      arrivals += 1;
      req.resume();
      req.on('end', () => handle(req, res));
    });
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    arrivals = 0;
  });

  const outcomeOf = (promise: Promise<unknown>) =>
    promise.then(
      () => 'answered',
      (err: unknown) => (err instanceof TransportError ? err.outcome : `other: ${String(err)}`),
    );

  it('reuses the socket of the previous exchange', async () => {
    const sockets = new Set<Socket>();
    handle = (req, res) => {
      sockets.add(req.socket);
      res.end('ok');
    };
    await postRaw(url, 'a');
    await postRaw(url, 'b');
    expect(arrivals).toBe(2);
    expect(sockets.size).toBe(1);
  });

  it('a reused socket the provider closed on receipt is unknown, and the POST is not sent again', async () => {
    let first: Socket | undefined;
    let reused = false;
    handle = (req, res) => {
      if (!first) {
        first = req.socket;
        res.end('ok');
      } else if (req.socket === first) {
        reused = true;
        req.socket.destroy();
      } else res.end('a second delivery');
    };
    await postRaw(url, 'first');
    arrivals = 0;
    expect(await outcomeOf(postRaw(url, 'second'))).toBe('unknown');
    expect(reused).toBe(true);
    expect(arrivals).toBe(1);
  });

  it('a body cut mid-stream is unknown', async () => {
    handle = (req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('only ten b');
      setTimeout(() => req.socket.destroy(), 20);
    };
    expect(await outcomeOf(postRaw(url, 'x'))).toBe('unknown');
  });

  it('a chunked body cut mid-stream is unknown', async () => {
    handle = (req, res) => {
      res.writeHead(200);
      res.write('a first chunk');
      setTimeout(() => req.socket.destroy(), 20);
    };
    expect(await outcomeOf(postRaw(url, 'x'))).toBe('unknown');
  });

  it('the deadline covers reading the body: a stalled body is unknown, on time', async () => {
    handle = (_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('a start');
    };
    const t0 = Date.now();
    const err = await postRaw(url, 'x', { timeoutMs: 150 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect(err).toMatchObject({ outcome: 'unknown', message: 'no answer within 150 ms' });
    expect(Date.now() - t0).toBeLessThan(2_000);
  });

  it('a refused connection after a kept-alive exchange with the same host is not sent', async () => {
    const other = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}/`;
    await postRaw(otherUrl, 'x');
    other.closeAllConnections();
    await new Promise((resolve) => other.close(resolve));
    // Once our side has seen the close (else the post races it on the kept socket: unknown, above).
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await outcomeOf(postRaw(otherUrl, 'x'))).toBe('not_sent');
  });

  it('tells observers of every post, until they stop observing', async () => {
    handle = (_req, res) => res.end('ok');
    const seen: string[] = [];
    const stop = observePosts((u) => seen.push(u));
    await postRaw(url, 'x');
    await postRaw('not a url', 'x').catch(() => undefined);
    stop();
    await postRaw(url, 'y');
    expect(seen).toEqual([url, 'not a url']);
  });
});

describe('an idle keep-alive socket', () => {
  let child: ChildProcess;
  let url: string;

  beforeAll(async () => {
    // The provider in another process, so that only our side's socket lives in this one.
    const script = `const s = require('node:http').createServer((q, r) => { q.resume(); q.on('end', () => r.end('ok')); });
      s.keepAliveTimeout = 60000; s.listen(0, '127.0.0.1', () => console.log(s.address().port));`;
    child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const port = await new Promise<string>((resolve) => child.stdout?.once('data', (d: Buffer) => resolve(d.toString().trim())));
    url = `http://127.0.0.1:${port}/`;
  });
  afterAll(() => {
    child.kill();
  });

  it('does not keep the process alive', async () => {
    const sockets = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
    const before = sockets();
    let during = 0;
    const answer = postRaw(url, 'x');
    await new Promise((resolve) => setImmediate(resolve));
    during = sockets();
    await answer;
    await new Promise((resolve) => setImmediate(resolve));
    expect(during).toBe(before + 1);
    expect(sockets()).toBe(before);
  });
});
