import { createClock, createManualClock, createSandboxApp, listen, Notifier, type Listening } from '../../../sandbox/common';

/** A merchant endpoint whose answers the test scripts: `replies` is consumed in order, then 'SUCCESS'. */
async function merchant() {
  const received: string[] = [];
  const replies: string[] = [];
  const app = createSandboxApp();
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.post('/notify', async (request) => {
    received.push(String(request.body));
    return replies.shift() ?? 'SUCCESS';
  });
  const server = await listen(app);
  return { server, received, replies, url: `${server.url}/notify` };
}

const ack = (status: number, text: string) => status === 200 && (text === 'OK' || text === 'SUCCESS');

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1_000 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 2));
  if (!condition()) throw new Error('condition not reached');
}

describe('Notifier', () => {
  let m: Awaited<ReturnType<typeof merchant>>;
  let server: Listening;
  beforeAll(async () => {
    m = await merchant();
    server = m.server;
  });
  afterAll(() => server.close());
  beforeEach(() => {
    m.received.length = 0;
    m.replies.length = 0;
  });

  const note = (body: string) => ({ url: m.url, headers: { 'content-type': 'text/plain' }, body });

  it('retries on the schedule, at exactly the scheduled sandbox times, until acknowledged', async () => {
    const clock = createManualClock(0);
    const notifier = new Notifier({ clock, retryDelaysMs: [20_000, 20_000, 1_800_000, 1_800_000], isAcknowledged: ack });
    m.replies.push('fail', 'FAIL', 'nope');
    const id = notifier.send(note('n1'));
    clock.advance(0);
    await waitFor(() => notifier.deliveries.length === 1);
    clock.advance(20_000);
    await waitFor(() => notifier.deliveries.length === 2);
    clock.advance(20_000);
    await waitFor(() => notifier.deliveries.length === 3);
    clock.advance(1_800_000);
    await waitFor(() => notifier.deliveries.length === 4);
    await notifier.idle();
    const attempts = notifier.attemptsOf(id);
    expect(attempts.map((a) => [a.attempt, a.at, a.acknowledged])).toEqual([
      [1, 0, false],
      [2, 20_000, false],
      [3, 40_000, false],
      [4, 1_840_000, true],
    ]);
    expect(clock.pending()).toBe(0);
  });

  it('gives up when the schedule is exhausted', async () => {
    const notifier = new Notifier({ clock: createClock({ speed: 1e6 }), retryDelaysMs: [20_000, 20_000], isAcknowledged: ack });
    m.replies.push('x', 'x', 'x', 'x');
    notifier.send(note('n2'));
    await notifier.idle();
    expect(notifier.deliveries.map((d) => d.acknowledged)).toEqual([false, false, false]);
    expect(m.received).toEqual(['n2', 'n2', 'n2']);
  });

  it('records a merchant that cannot be reached, and retries', async () => {
    const notifier = new Notifier({ clock: createClock({ speed: 1e6 }), retryDelaysMs: [1_000], isAcknowledged: ack });
    notifier.send({ url: 'http://127.0.0.1:1/notify', body: 'x' });
    await notifier.idle();
    expect(notifier.deliveries).toHaveLength(2);
    expect(notifier.deliveries[0]?.error).toBeDefined();
  });

  it('duplicate delivers each attempt twice', async () => {
    const notifier = new Notifier({ clock: createClock({ speed: 1e6 }), retryDelaysMs: [1_000], isAcknowledged: ack });
    notifier.setFault({ kind: 'duplicate' }, { times: 1 });
    notifier.send(note('dup'));
    notifier.send(note('single'));
    await notifier.idle();
    expect(m.received.filter((b) => b === 'dup')).toHaveLength(2);
    expect(m.received.filter((b) => b === 'single')).toHaveLength(1);
  });

  it('outOfOrder holds a notification back so a later one arrives first', async () => {
    const clock = createManualClock(0);
    const notifier = new Notifier({ clock, retryDelaysMs: [], isAcknowledged: ack });
    notifier.setFault({ kind: 'outOfOrder', holdMs: 60_000 }, { times: 1 });
    notifier.send(note('first'));
    notifier.send(note('second'));
    clock.advance(0);
    await waitFor(() => notifier.deliveries.length === 1);
    expect(m.received).toEqual(['second']);
    clock.advance(60_000);
    await notifier.idle();
    expect(m.received).toEqual(['second', 'first']);
    expect(notifier.deliveries.map((d) => [d.body, d.at, d.fault])).toEqual([
      ['second', 0, undefined],
      ['first', 60_000, 'outOfOrder'],
    ]);
  });

  it('drop never delivers, and logs it', async () => {
    const notifier = new Notifier({ clock: createClock({ speed: 1e6 }), retryDelaysMs: [1_000], isAcknowledged: ack });
    notifier.setFault({ kind: 'drop' });
    const id = notifier.send(note('lost'));
    await notifier.idle();
    expect(m.received).toEqual([]);
    expect(notifier.attemptsOf(id)).toEqual([expect.objectContaining({ attempt: 0, fault: 'drop', acknowledged: false })]);
    notifier.clearFaults();
    notifier.send(note('found'));
    await notifier.idle();
    expect(m.received).toEqual(['found']);
  });

  it('hold keeps the notification, headers and all, for the test to deliver; acknowledges() is the provider rule', async () => {
    const notifier = new Notifier({ clock: createClock({ speed: 1e6 }), retryDelaysMs: [1_000], isAcknowledged: ack });
    notifier.setFault({ kind: 'hold' });
    const id = notifier.send(note('kept'));
    await notifier.idle();
    expect(m.received).toEqual([]);
    expect(notifier.deliveries).toEqual([]);
    expect(notifier.held).toEqual([{ notificationId: id, url: m.url, headers: { 'content-type': 'text/plain' }, body: 'kept' }]);
    expect([notifier.acknowledges(200, 'SUCCESS'), notifier.acknowledges(200, 'success'), notifier.acknowledges(500, 'OK')]).toEqual([true, false, false]);
  });

  it('close cancels pending retries and releases idle()', async () => {
    const clock = createManualClock(0);
    const notifier = new Notifier({ clock, retryDelaysMs: [1_000], isAcknowledged: ack });
    notifier.send(note('never'));
    const idle = notifier.idle();
    notifier.close();
    await idle;
    expect(clock.pending()).toBe(0);
    expect(m.received).toEqual([]);
  });
});
