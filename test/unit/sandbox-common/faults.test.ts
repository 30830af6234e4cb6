import { FaultSwitchboard, createSandboxApp, installFaults, listen, type Listening } from '../../../sandbox/common';
import { postRaw, TransportError } from '../../../server/platform/http';

describe('FaultSwitchboard', () => {
  it('counts uses, prefers the endpoint over "*", and clears', () => {
    const faults = new FaultSwitchboard();
    faults.set('*', { kind: 'http5xx' });
    faults.set('/a', { kind: 'reset' }, { times: 2 });
    expect(faults.take('/a')?.kind).toBe('reset');
    expect(faults.take('/a')?.kind).toBe('reset');
    expect(faults.take('/a')?.kind).toBe('http5xx');
    expect(faults.take('/b')?.kind).toBe('http5xx');
    faults.clear('*');
    expect(faults.take('/b')).toBeUndefined();
    faults.set('/b', { kind: 'malformed' });
    faults.clear();
    expect(faults.take('/b')).toBeUndefined();
    expect(faults.applied.map((a) => a.endpoint)).toEqual(['/a', '/a', '/a', '/b']);
    expect(() => faults.set('/a', { kind: 'reset' }, { times: 0 })).toThrow(RangeError);
  });
});

describe('installFaults over HTTP', () => {
  const faults = new FaultSwitchboard();
  let server: Listening;
  const handled = jest.fn();

  beforeAll(async () => {
    const app = createSandboxApp();
    installFaults(app, faults, { renderStatus: (payload) => ({ body: { code: 'FAIL', msg: String(payload) } }) });
    app.post('/echo', async () => {
      handled();
      return { code: 'SUCCESS' };
    });
    server = await listen(app);
  });
  afterAll(() => server.close());
  beforeEach(() => {
    faults.clear();
    handled.mockClear();
  });

  const post = (timeoutMs = 2_000) => postRaw(`${server.url}/echo`, '{}', { headers: { 'content-type': 'application/json' }, timeoutMs });
  const transportOutcome = async (timeoutMs?: number) => {
    const err = await post(timeoutMs).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    return (err as TransportError).outcome;
  };

  it('answers normally without a fault', async () => {
    const res = await post();
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body.toString())).toEqual({ code: 'SUCCESS' });
  });

  it('delay answers normally, later', async () => {
    faults.set('/echo', { kind: 'delay', ms: 20 }, { times: 1 });
    expect((await post()).status).toBe(200);
    expect(handled).toHaveBeenCalledTimes(1);
  });

  it('timeout never answers', async () => {
    faults.set('/echo', { kind: 'timeout' }, { times: 1 });
    expect(await transportOutcome(150)).toBe('unknown');
    expect(handled).not.toHaveBeenCalled();
  });

  it('reset destroys the connection', async () => {
    faults.set('/echo', { kind: 'reset' }, { times: 1 });
    expect(await transportOutcome()).toBe('unknown');
  });

  it('http5xx answers 502 (or the given status) with HTML', async () => {
    faults.set('/echo', { kind: 'http5xx' }, { times: 1 });
    expect((await post()).status).toBe(502);
    faults.set('/echo', { kind: 'http5xx', status: 503 }, { times: 1 });
    expect((await post()).status).toBe(503);
    expect(handled).not.toHaveBeenCalled();
  });

  it('malformed answers 200 with a body that is not JSON', async () => {
    faults.set('/echo', { kind: 'malformed' }, { times: 1 });
    const res = await post();
    expect(res.status).toBe(200);
    expect(() => JSON.parse(res.body.toString())).toThrow();
  });

  it('status renders the provider payload', async () => {
    faults.set('/echo', { kind: 'status', payload: 'busy' }, { times: 1 });
    const res = await post();
    expect(JSON.parse(res.body.toString())).toEqual({ code: 'FAIL', msg: 'busy' });
    expect(handled).not.toHaveBeenCalled();
    expect((await post()).status).toBe(200);
  });

  it('lateAnswer performs the operation at once and answers after the caller gave up', async () => {
    faults.set('/echo', { kind: 'lateAnswer', ms: 300 }, { times: 1 });
    expect(await transportOutcome(80)).toBe('unknown');
    expect(handled).toHaveBeenCalledTimes(1);
    await faults.landed();
    expect((await post()).status).toBe(200);
  });

  it('lateLanding performs the operation after the caller gave up, and landed() waits for it', async () => {
    faults.set('/echo', { kind: 'lateLanding', ms: 250 }, { times: 1 });
    expect(await transportOutcome(80)).toBe('unknown');
    expect(handled).not.toHaveBeenCalled();
    await faults.landed();
    expect(handled).toHaveBeenCalledTimes(1);
    await expect(faults.landed()).resolves.toBeUndefined();
  });

  it('a connection refused is not_sent', async () => {
    const app = createSandboxApp();
    const closed = await listen(app);
    await closed.close();
    const err = await postRaw(`${closed.url}/echo`, '{}').catch((e: unknown) => e);
    expect((err as TransportError).outcome).toBe('not_sent');
  });
});
