/**
 * The bench's side of the payNotify process (pay-notify-process.ts): starts it, hands it events
 * over IPC and collects its answers. Every wait fails if the process exits.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { FromPayNotify, InvokedFunction, ToPayNotify } from './pay-notify-process';

type Reply<K extends FromPayNotify['kind']> = Extract<FromPayNotify, { kind: K }>;
export type InvokeResult = Reply<'result'>;

export class PayNotifyProcess {
  private readonly child: ChildProcess;
  private readonly results = new Map<number, (message: InvokeResult) => void>();
  private readonly replies = new Map<FromPayNotify['kind'], (message: FromPayNotify) => void>();
  private readonly exited: Promise<never>;
  private nextId = 0;

  /** `env`: the function's configuration, plus BENCH_DATABASE_URL and BENCH_PROVIDER_URL. */
  constructor(env: NodeJS.ProcessEnv) {
    this.child = fork(join(__dirname, 'pay-notify-process.ts'), [], {
      execArgv: ['--import', 'tsx'],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env,
    });
    this.exited = new Promise<never>((_resolve, reject) => this.child.once('exit', (code) => reject(new Error(`payNotify process exited (${code})`))));
    this.exited.catch(() => undefined);
    this.child.on('message', (message: FromPayNotify) => {
      if (message.kind === 'result') this.results.get(message.id)?.(message);
      else this.replies.get(message.kind)?.(message);
    });
  }

  /** Resolves once payNotify is cold-started. */
  ready(): Promise<Reply<'ready'>> {
    return this.ask('ready');
  }

  /** One HTTP access event, as JSON text, to payNotify or to the function that only does its I/O. */
  invoke(event: unknown, fn: InvokedFunction = 'payNotify'): Promise<InvokeResult> {
    const id = this.nextId++;
    const answered = new Promise<InvokeResult>((resolve) => {
      this.results.set(id, (message) => {
        this.results.delete(id);
        resolve(message);
      });
    });
    this.tell({ kind: 'invoke', id, event: JSON.stringify(event), fn });
    return Promise.race([answered, this.exited]);
  }

  /** Opens a measured phase (and its profile, named `profile`, with BENCH_PROFILE). */
  start(profile: string): Promise<Reply<'started'>> {
    return this.ask('started', { kind: 'start', profile });
  }

  /** Closes it: the process's CPU (all threads) and its event loop's busy fraction since `start`. */
  stop(): Promise<Reply<'cpu'>> {
    return this.ask('cpu', { kind: 'stop' });
  }

  /** CPU (µs) of `count` bare database round trips, `inFlight` at a time. */
  async roundTrips(count: number, inFlight: number): Promise<number> {
    return (await this.ask('roundTrips', { kind: 'roundTrips', count, inFlight })).cpuUs;
  }

  close(): void {
    this.child.kill();
  }

  private tell(message: ToPayNotify): void {
    this.child.send(message);
  }

  private ask<K extends Exclude<FromPayNotify['kind'], 'result'>>(kind: K, message?: ToPayNotify): Promise<Reply<K>> {
    const answered = new Promise<Reply<K>>((resolve) => {
      this.replies.set(kind, (reply) => {
        this.replies.delete(kind);
        resolve(reply as Reply<K>);
      });
    });
    if (message) this.tell(message);
    return Promise.race([answered, this.exited]);
  }
}
