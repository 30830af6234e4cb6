/**
 * What one provider round trip costs in CPU: `postRaw` (node:http, keep-alive) beside a bare global
 * `fetch` (what postRaw used before), both against one in-process node:http server, 50 in flight,
 * interleaved rounds, median. The CPU is the whole process's (client and server side): QuickPay's
 * unsigned notification costs one such query per applied notification.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { postRaw } from '../server/platform/http';
import { printTargets, writeJson, type Measured } from './targets';

const CALLS = Number(process.env.BENCH_HTTP_CALLS ?? 2_000);
const ROUNDS = 3;
const IN_FLIGHT = 50;

type Post = (url: string, body: string) => Promise<unknown>;
const viaFetch: Post = async (url, body) => (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).arrayBuffer();
const viaPostRaw: Post = (url, body) => postRaw(url, body, { headers: { 'content-type': 'application/json' } });

async function cpuMsPerCall(post: Post, url: string): Promise<number> {
  let next = 0;
  const cpu0 = process.cpuUsage();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next++ < CALLS) await post(url, '{"orderNo":"bench"}');
    }),
  );
  const cpu = process.cpuUsage(cpu0);
  return (cpu.user + cpu.system) / 1000 / CALLS;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('{"code":"0000","data":{}}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/QuickPay/Query`;
  const fetchMs: number[] = [];
  const postRawMs: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      fetchMs.push(await cpuMsPerCall(viaFetch, url));
      postRawMs.push(await cpuMsPerCall(viaPostRaw, url));
    }
  } finally {
    server.closeAllConnections();
    server.close();
  }
  const ms = (x: number) => Math.round(x * 1000) / 1000;
  const rows: Measured[] = [
    { name: `provider round trip: postRaw, CPU per call (${IN_FLIGHT} in flight)`, value: ms(median(postRawMs)), unit: 'ms', baseline: `${ms(median(fetchMs))} (bare fetch, same run)` },
  ];
  printTargets('One provider round trip (postRaw over keep-alive node:http)', rows);
  writeJson('http', rows);
}

void main();
