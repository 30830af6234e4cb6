import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { assertHttpOk, postRaw, TransportError } from '../../../server/platform/http';

type Behaviour = 'ok' | 'hang' | 'reset' | 'five';

describe('postRaw', () => {
  let server: Server;
  let url: string;
  let behaviour: Behaviour = 'ok';
  let lastBody = Buffer.alloc(0);

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        lastBody = Buffer.concat(chunks);
        if (behaviour === 'hang') return;
        if (behaviour === 'reset') return req.socket.destroy();
        res.writeHead(behaviour === 'five' ? 503 : 200, { 'content-type': 'text/plain' });
        res.end(Buffer.from([0xe4, 0xb8, 0xad, 0x00, 0xff]));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('returns the exact bytes of the answer and sends the exact bytes asked', async () => {
    behaviour = 'ok';
    const res = await postRaw(url, 'a=中', { headers: { 'content-type': 'text/plain' } });
    expect(res.status).toBe(200);
    expect([...res.body]).toEqual([0xe4, 0xb8, 0xad, 0x00, 0xff]);
    expect(lastBody.toString('utf8')).toBe('a=中');
  });

  it('classifies a time-out and a reset as outcome unknown', async () => {
    behaviour = 'hang';
    await expect(postRaw(url, 'x', { timeoutMs: 100 })).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', outcome: 'unknown' });
    behaviour = 'reset';
    await expect(postRaw(url, 'x')).rejects.toMatchObject({ outcome: 'unknown' });
  });

  it('classifies a refused connection as not sent', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const err = await postRaw(`http://127.0.0.1:${port}/`, 'x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect((err as TransportError).outcome).toBe('not_sent');
  });

  it('classifies a request fetch refuses before connecting as not sent', async () => {
    await expect(postRaw('http://127.0.0.1:1/', 'x')).rejects.toMatchObject({ outcome: 'not_sent' });
    await expect(postRaw('not a url', 'x')).rejects.toMatchObject({ outcome: 'not_sent' });
  });

  it('treats 5xx as unknown and 4xx as rejected', async () => {
    behaviour = 'five';
    const res = await postRaw(url, 'x');
    expect(() => assertHttpOk(res)).toThrow(TransportError);
    expect(() => assertHttpOk({ ...res, status: 404 })).toThrow(/HTTP 404/);
    expect(() => assertHttpOk({ ...res, status: 200 })).not.toThrow();
  });
});
