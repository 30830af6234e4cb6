/** The shared call pipeline: each stage on its own, then the order of stages and where a failure stops them. */
import * as v from 'valibot';
import { GatewayError } from '../../../server/gateways/contract';
import { commit, decide, parse, read, requestOf, send, STAGES, verify, type Stage } from '../../../server/gateways/pipeline/call';
import { mismatch, StageFailure } from '../../../server/gateways/pipeline/failures';
import type { Authenticity, Envelope, Operation, Protocol } from '../../../server/gateways/pipeline/stages';
import { TransportError, type RawResponse } from '../../../server/platform/http';

const ok = (body: unknown, status = 200): RawResponse => ({ status, headers: {}, body: Buffer.from(JSON.stringify(body)) });

/** A toy provider: JSON envelope `{ok, code, data, sig}`; `sig` is "good", "bad" or absent. */
function toyProtocol(calls: string[] = [], trustsUnsigned?: Protocol['trustsUnsigned']): Protocol {
  return {
    provider: 'quickpay',
    timeoutMs: 1234,
    sign: (operation, body) => {
      calls.push('sign');
      return { url: `http://toy/${operation}`, headers: { 'x-sig': 'good' }, body: JSON.stringify(body) };
    },
    read: (_operation, response) => {
      calls.push('read');
      const json = JSON.parse(response.body.toString('utf8')) as { ok: boolean; code: string; data?: unknown; notFound?: boolean };
      return { verdict: json.ok ? 'accepted' : json.code === 'BUSY' ? 'undecided' : 'refused', code: json.code, data: json.data, notFound: json.notFound };
    },
    verify: (_operation, _envelope, response): Authenticity => {
      calls.push('verify');
      const sig = (JSON.parse(response.body.toString('utf8')) as { sig?: string }).sig;
      return sig === undefined ? 'unsigned' : sig === 'good' ? 'signed' : 'forged';
    },
    ...(trustsUnsigned ? { trustsUnsigned } : {}),
  };
}

function toyOperation(calls: string[] = []): Operation<string, { orderNo: string; paid: boolean }, string> {
  return {
    name: 'toy.query',
    build: (orderNo) => {
      calls.push('build');
      return requestOf(v.object({ order_no: v.pipe(v.string(), v.minLength(1), v.maxLength(4)) }), { order_no: orderNo });
    },
    answer: v.object({ orderNo: v.string(), paid: v.boolean() }),
    map: (data, orderNo) => {
      calls.push('map');
      if (data.orderNo !== orderNo) throw mismatch('another order');
      return data.paid ? 'PAID' : 'PENDING';
    },
  };
}

const failureOf = async (promise: Promise<unknown>) => (await promise.then(() => undefined, (e: unknown) => e)) as GatewayError;

describe('stage send', () => {
  it('POSTs the wire with the protocol deadline', async () => {
    const post = jest.fn(async () => ok({}));
    await send({ url: 'http://toy/x', headers: { a: 'b' }, body: 'B' }, 1234, post);
    expect(post).toHaveBeenCalledWith('http://toy/x', 'B', { headers: { a: 'b' }, timeoutMs: 1234 });
  });

  it('turns a transport error into a fact carrying its outcome', async () => {
    const post = async () => Promise.reject(new TransportError('refused', 'not_sent'));
    const err = (await send({ url: 'u', headers: {}, body: '' }, 1, post).catch((e: unknown) => e)) as StageFailure;
    expect(err.fact).toMatchObject({ kind: 'transport' });
  });
});

describe('stage read', () => {
  it('never reads a 5xx body', () => {
    const calls: string[] = [];
    expect(() => read(toyProtocol(calls), 'op', ok({ ok: true, code: '0' }, 502))).toThrow(StageFailure);
    expect(calls).toEqual([]);
  });

  it('keeps a 4xx envelope when readable, and still fails', () => {
    try {
      read(toyProtocol(), 'op', ok({ ok: false, code: 'AUTH' }, 401));
      throw new Error('no throw');
    } catch (err) {
      expect((err as StageFailure).fact).toMatchObject({ kind: 'http_status', status: 401, envelope: { code: 'AUTH' } });
    }
  });
});

describe('stage verify', () => {
  const accepted: Envelope = { verdict: 'accepted', code: '0' };
  const refused: Envelope = { verdict: 'refused', code: 'NO' };
  it('refuses a forged answer whatever it says', () => {
    expect(() => verify(toyProtocol(), 'op', refused, ok({ sig: 'bad' }))).toThrow(StageFailure);
  });
  it('by default believes an unsigned refusal but not an unsigned acceptance', () => {
    expect(() => verify(toyProtocol(), 'op', refused, ok({}))).not.toThrow();
    expect(() => verify(toyProtocol(), 'op', accepted, ok({}))).toThrow(StageFailure);
  });
  it('a protocol that signs nothing may trust every answer', () => {
    expect(() => verify(toyProtocol([], () => true), 'op', accepted, ok({}))).not.toThrow();
  });
});

describe('stage decide and parse', () => {
  it('passes on only an accepted answer', () => {
    expect(decide({ verdict: 'accepted', code: '0', data: 1 })).toBe(1);
    expect(() => decide({ verdict: 'refused', code: 'X' })).toThrow(StageFailure);
    expect(() => decide({ verdict: 'undecided', code: 'BUSY' })).toThrow(StageFailure);
  });
  it('an accepted answer that does not parse is unreadable', () => {
    expect(() => parse(v.object({ a: v.string() }), { a: 1 })).toThrow(StageFailure);
  });
});

describe('commit', () => {
  const run = async (answer: RawResponse | Error, orderNo = 'O1') => {
    const calls: string[] = [];
    const traced: Stage[] = [];
    const post = async () => {
      calls.push('send');
      if (answer instanceof Error) throw answer;
      return answer;
    };
    const result = commit(toyProtocol(calls), toyOperation(calls), orderNo, { post, trace: (s) => traced.push(s) });
    return { result, calls, traced };
  };

  it('runs build → sign → send → read → verify → decide → parse → map, in that order', async () => {
    expect(STAGES).toEqual(['build', 'sign', 'send', 'read', 'verify', 'decide', 'parse', 'map']);
    const { result, calls, traced } = await run(ok({ ok: true, code: '0', sig: 'good', data: { orderNo: 'O1', paid: true } }));
    await expect(result).resolves.toBe('PAID');
    expect(traced).toEqual([...STAGES]);
    expect(calls).toEqual(['build', 'sign', 'send', 'read', 'verify', 'map']);
  });

  it.each([
    ['a body the provider would refuse', ok({}), 'toolong', 'build', 'INVALID_ARGUMENT', 'not_sent'],
    ['connection refused', new TransportError('unreachable', 'not_sent'), 'O1', 'send', 'PROVIDER_UNAVAILABLE', 'not_sent'],
    ['a time-out', new TransportError('no answer', 'unknown'), 'O1', 'send', 'PROVIDER_UNAVAILABLE', 'unknown'],
    ['HTTP 503', ok({ ok: true, code: '0', sig: 'good' }, 503), 'O1', 'read', 'PROVIDER_UNAVAILABLE', 'unknown'],
    ['HTTP 403', ok('no', 403), 'O1', 'read', 'PROVIDER_REJECTED', 'rejected'],
    ['a forged answer', ok({ ok: true, code: '0', sig: 'bad', data: { orderNo: 'O1', paid: true } }), 'O1', 'verify', 'SIGNATURE_INVALID', 'unknown'],
    ['an unsigned success', ok({ ok: true, code: '0', data: { orderNo: 'O1', paid: true } }), 'O1', 'verify', 'SIGNATURE_INVALID', 'unknown'],
    ['a refusal', ok({ ok: false, code: 'NO' }), 'O1', 'decide', 'PROVIDER_REJECTED', 'rejected'],
    ['no such order', ok({ ok: false, code: 'NONE', notFound: true }), 'O1', 'decide', 'NOT_FOUND', 'rejected'],
    ['"busy, query later"', ok({ ok: false, code: 'BUSY', sig: 'good' }), 'O1', 'decide', 'PROVIDER_UNAVAILABLE', 'unknown'],
    ['unreadable data', ok({ ok: true, code: '0', sig: 'good', data: { paid: 'yes' } }), 'O1', 'parse', 'PROVIDER_UNAVAILABLE', 'unknown'],
    ['an answer about another order', ok({ ok: true, code: '0', sig: 'good', data: { orderNo: 'O2', paid: true } }), 'O1', 'map', 'PROVIDER_UNAVAILABLE', 'unknown'],
  ])('%s stops at %s: %s / %s', async (_name, answer, orderNo, lastStage, code, outcome) => {
    const { result, traced } = await run(answer, orderNo);
    const err = await failureOf(result);
    expect(err).toBeInstanceOf(GatewayError);
    expect({ code: err.code, outcome: err.outcome, provider: err.provider }).toEqual({ code, outcome, provider: 'quickpay' });
    expect(err.message).toMatch(/^quickpay: toy\.query: /);
    expect(traced[traced.length - 1]).toBe(lastStage);
  });

  it('lets a programming error through unclassified', async () => {
    const op = { ...toyOperation(), build: () => { throw new TypeError('bug'); } };
    await expect(commit(toyProtocol(), op, 'O1', { post: async () => ok({}) })).rejects.toBeInstanceOf(TypeError);
  });
});
