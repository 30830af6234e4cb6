/**
 * (a) The storm: many orders paid at once, each provider notification delivered `copies` times in
 * a shuffled order with many in flight. Must hold: every order paid exactly once, every delivery
 * recorded (on its order or in payment_events: server/orders/events.ts), every reply the provider's
 * exact acknowledgement.
 */
import { notificationHistory } from '../server/orders/events';
import { checkMoney } from './checks';
import type { SoakStack } from './harness';
import { pool, seededRandom, shuffle } from './pool';
import { atLeast, zero, type Row } from './report';

export interface StormOptions {
  orders: number;
  copies: number;
  inFlight: number;
  seed?: number;
}

export async function runStorm(stack: SoakStack, options: StormOptions): Promise<Row[]> {
  const { provider, sandboxes } = stack;
  const notifier = sandboxes.providers[provider]?.notifier;
  if (!notifier) throw new Error(`no notifier for ${provider}`);
  const S = 'storm';
  const failures = { create: [] as string[], pay: [] as string[] };
  const ordersBefore = new Set((await stack.orders()).map((o) => o._id));
  notifier.setFault({ kind: 'hold' });
  const heldBefore = notifier.held.length;

  await pool(options.orders, options.inFlight, async (i) => {
    const created = await stack.call(
      'pay',
      { action: 'create', items: [{ skuId: i % 2 === 0 ? 'green-tea' : 'oolong', quantity: 1 + (i % 3) }], requestId: `storm-${provider}-${i}-${options.seed ?? 1}` },
      { openid: `o_storm_${i % 101}` },
    );
    const payment = created.answer?.data?.payment;
    if (!created.answer?.ok || !payment) return void failures.create.push(JSON.stringify(created.answer?.error ?? 'crashed'));
    const paid = await sandboxes.cashier.pay(payment);
    if (paid.errMsg !== 'requestPayment:ok') failures.pay.push(paid.errMsg);
  });
  notifier.clearFaults();
  const held = notifier.held.slice(heldBefore);

  const deliveries = shuffle(
    held.flatMap((n) => Array.from({ length: options.copies }, () => n)),
    seededRandom(options.seed ?? 1),
  );
  const notAcknowledged: string[] = [];
  const recordedBefore = await stack.countEvents({ kind: 'notification' });
  const { maxInFlight } = await pool(deliveries.length, options.inFlight, async (i) => {
    const n = deliveries[i];
    if (!n) return;
    try {
      const response = await fetch(n.url, { method: 'POST', headers: n.headers, body: n.body });
      const text = await response.text();
      if (!notifier.acknowledges(response.status, text)) notAcknowledged.push(`HTTP ${response.status} ${text.slice(0, 80)}`);
    } catch (err) {
      notAcknowledged.push(String(err));
    }
  });

  const orders = (await stack.orders()).filter((o) => !ordersBefore.has(o._id));
  const notPaid = orders.filter((o) => o.status !== 'PAID');
  const money = checkMoney(orders, stack.ledger.all());
  // A delivery is recorded on its order (the move it made, or counted as a repeat) or in payment_events.
  const carried = orders.flatMap((o) => notificationHistory(o));
  const recorded = (await stack.countEvents({ kind: 'notification' })) - recordedBefore + carried.reduce((sum, e) => sum + (e.deliveries ?? 1), 0);
  const applied = (await stack.countEvents({ kind: 'notification', outcome: 'applied' })) + carried.filter((e) => e.outcome === 'applied').length;
  return [
    atLeast(S, provider, 'orders paid', orders.length - notPaid.length, options.orders),
    atLeast(S, provider, 'deliveries (copies × notifications)', deliveries.length, options.orders * options.copies),
    atLeast(S, provider, 'most deliveries in flight', maxInFlight, Math.min(50, options.inFlight)),
    zero(S, provider, 'creates or payments failed', failures.create.length + failures.pay.length, [...failures.create, ...failures.pay]),
    zero(S, provider, 'orders not PAID', notPaid.length, notPaid.map((o) => `${o.orderNo} ${o.status}`)),
    zero(S, provider, 'charged twice / kept unaccounted', money.keptUnaccounted.length + money.duplicatesUnrefunded.length, money.keptUnaccounted),
    zero(S, provider, 'deliveries not recorded', Math.max(0, deliveries.length - recorded)),
    zero(S, provider, 'payments applied other than once per order', Math.abs(applied - orders.length)),
    zero(S, provider, 'replies not the exact acknowledgement', notAcknowledged.length, notAcknowledged),
  ];
}
