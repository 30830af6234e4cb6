/**
 * The payNotify process of the notification-rate figure (costs.bench.ts starts it): what runs in a
 * payNotify instance in CloudBase, and nothing else —
 * - the function runtime (sandbox/cloud/runtime.ts) with payNotify cold-started from its entry, as
 *   in the bench's own process (`wx-server-sdk` resolved to the local cloud's SDK);
 * - the SDK's side of the database: each operation one HTTP round trip to the database, which runs
 *   in the bench's process (sandbox/cloud/remote-database.ts);
 * - the adapter, whose provider calls (QuickPay's query after a hint) go to the bench's sandbox over
 *   loopback HTTP;
 * - the operation counter (soak/database.ts), one scope per invocation, as in the bench's process.
 * Each event arrives over IPC as the HTTP access service's event in JSON text, and is parsed here,
 * as a function's runtime parses the event it is handed; the result goes back as JSON text.
 *
 * Beside payNotify, in the same runtime and under the same counter, runs `ioOnly` (io-only.ts):
 * payNotify's input and output without its work.
 *
 * Messages: `{kind:'roundTrips', count, inFlight}` → the CPU of that many bare database round trips;
 * `{kind:'invoke', id, event, fn}` → `{kind:'result', id, result, ops, providerCalls}` (`fn`:
 * `payNotify` or `ioOnly`);
 * `{kind:'start'}` → `{kind:'started'}` and `{kind:'stop'}` bracket the measured phase → `{kind:'cpu', user, system, loopBusy}`
 * (µs of all threads; the main thread's busy fraction); with BENCH_PROFILE set, a CPU profile of that phase (profile.ts).
 */
import { performance } from 'node:perf_hooks';
import { useLocalCloudSdk } from '../sandbox/cloud/register';
import { RemoteDatabase } from '../sandbox/cloud/remote-database';
import { LocalCloud, type CloudFunctionModule } from '../sandbox/cloud/runtime';
import { setLogSink } from '../server/platform/log';
import { DatabaseProbe } from '../soak/database';
import { pool } from '../soak/pool';
import { ioOnlyFunction } from './io-only';
import { startProfile } from './profile';

export type InvokedFunction = 'payNotify' | 'ioOnly';
export type ToPayNotify =
  | { kind: 'invoke'; id: number; event: string; fn: InvokedFunction }
  | { kind: 'start'; profile: string }
  | { kind: 'stop' }
  | { kind: 'roundTrips'; count: number; inFlight: number };
export type FromPayNotify =
  | { kind: 'ready' }
  | { kind: 'started' }
  | { kind: 'result'; id: number; result: string | undefined; ops: number; providerCalls: number }
  | { kind: 'cpu'; user: number; system: number; logLines: number; loopBusy: number }
  | { kind: 'roundTrips'; cpuUs: number };

const databaseUrl = process.env.BENCH_DATABASE_URL;
const providerUrl = process.env.BENCH_PROVIDER_URL;
if (!databaseUrl || !providerUrl || !process.send) throw new Error('started by costs.bench.ts only (IPC, BENCH_DATABASE_URL, BENCH_PROVIDER_URL)');
const send = (message: FromPayNotify) => process.send?.(message);

let logLines = 0;
useLocalCloudSdk();
setLogSink(() => void (logLines += 1), 'warn');
const cloud = new LocalCloud({ envId: 'bench', openDatabase: () => new RemoteDatabase(databaseUrl) });
const probe = new DatabaseProbe();
probe.install(cloud);
probe.watchProvider(providerUrl);
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the entry, as the cloud loads it
cloud.deploy('payNotify', () => require('../cloudfunctions/payNotify/index.ts') as CloudFunctionModule);

cloud.deploy('ioOnly', () => ioOnlyFunction(() => cloud.database(), process.env));

/** CPU (µs) of `count` bare database round trips (a count by _id), `inFlight` at a time, outside any invocation. */
async function bareRoundTrips(count: number, inFlight: number): Promise<number> {
  const orders = cloud.database().collection('orders');
  const start = process.cpuUsage();
  await pool(count, inFlight, async () => void (await orders.where({ _id: 'bench-no-such-order' }).count()));
  const cpu = process.cpuUsage(start);
  return cpu.user + cpu.system;
}

let cpu0 = process.cpuUsage();
let loop0 = performance.eventLoopUtilization();
let stopProfile: () => Promise<void> = async () => undefined;
process.on('message', (message: ToPayNotify) => {
  if (message.kind === 'start') {
    logLines = 0;
    void startProfile(message.profile).then((stop) => {
      stopProfile = stop;
      cpu0 = process.cpuUsage();
      loop0 = performance.eventLoopUtilization();
      send({ kind: 'started' });
    });
  } else if (message.kind === 'roundTrips') {
    void bareRoundTrips(message.count, message.inFlight).then((cpuUs) => send({ kind: 'roundTrips', cpuUs }));
  } else if (message.kind === 'stop') {
    const cpu = process.cpuUsage(cpu0);
    const loopBusy = performance.eventLoopUtilization(loop0).utilization;
    void stopProfile().then(() => send({ kind: 'cpu', user: cpu.user, system: cpu.system, logLines, loopBusy }));
  } else {
    void probe.run(() => cloud.invokeJson(message.fn, message.event, { SOURCE: 'wx_http' })).then((ran) =>
      send({
        kind: 'result',
        id: message.id,
        result: ran.crashed ? undefined : ran.value,
        ops: ran.scope.ops.length,
        providerCalls: ran.scope.marks.filter((mark) => mark === 'provider call').length,
      }),
    );
  }
});
process.on('disconnect', () => process.exit(0));
send({ kind: 'ready' });
