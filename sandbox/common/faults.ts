/**
 * A switchboard of failures a sandbox can be told to produce, per endpoint, so that tests can prove
 * how an adapter classifies each one (not_sent / rejected / unknown). Endpoints are names the
 * provider sandbox chooses (QuickPay: the route path, Caibao: the `command`); `'*'` matches all.
 *
 * Two faults arrive late, past the caller's deadline, and still land — the case where guessing
 * moves money twice: `lateAnswer` (the provider acts at once, its answer is lost to a caller who
 * gave up) and `lateLanding` (the request sits in the provider's queue and acts after the caller
 * gave up, whatever the caller did meanwhile). `landed()` waits for every late operation.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export type Fault =
  /** Answer normally, but only after `ms` real milliseconds (to trip client time-outs). */
  | { kind: 'delay'; ms: number }
  /** Never answer (the connection stays open until the client gives up or the server closes). */
  | { kind: 'timeout' }
  /** Answer an HTTP 5xx with a non-JSON body. */
  | { kind: 'http5xx'; status?: number }
  /** Destroy the socket without any answer. */
  | { kind: 'reset' }
  /** Answer HTTP 200 with a body that is not valid JSON. */
  | { kind: 'malformed' }
  /** The provider's own error answer; `payload` is provider-specific and rendered by the sandbox. */
  | { kind: 'status'; payload: unknown; httpStatus?: number }
  /** The operation is performed at once; its answer leaves `ms` real ms later (after the caller gave up). */
  | { kind: 'lateAnswer'; ms: number }
  /** The operation is performed `ms` real ms from now, even though the caller gave up before. */
  | { kind: 'lateLanding'; ms: number };

export type FaultKind = Fault['kind'];

export const ANY_ENDPOINT = '*';

interface Armed {
  fault: Fault;
  /** Remaining uses; undefined = until cleared. */
  remaining: number | undefined;
}

export interface AppliedFault {
  endpoint: string;
  fault: Fault;
}

/** The faults whose operation lands after the caller's deadline. */
export const LATE_FAULTS = ['lateAnswer', 'lateLanding'] as const satisfies readonly FaultKind[];

export class FaultSwitchboard {
  private readonly armed = new Map<string, Armed>();
  /** Every fault that was applied, in order (for tests to assert on). */
  readonly applied: AppliedFault[] = [];
  private late = 0;
  private readonly landedWaiters: Array<() => void> = [];

  /** Resolves once every late operation has been performed and its answer has left. */
  landed(): Promise<void> {
    if (this.late === 0) return Promise.resolve();
    return new Promise((resolve) => this.landedWaiters.push(resolve));
  }

  /** @internal a late operation started (`installFaults` counts them for `landed()`). */
  lateStarted(): void {
    this.late += 1;
  }

  /** @internal a late operation has landed and answered. */
  lateFinished(): void {
    this.late = Math.max(0, this.late - 1);
    if (this.late === 0) for (const resolve of this.landedWaiters.splice(0)) resolve();
  }

  /** Arms `fault` for `endpoint` (or `'*'`), for the next `times` requests or until cleared. */
  set(endpoint: string, fault: Fault, options: { times?: number } = {}): void {
    if (options.times !== undefined && (!Number.isInteger(options.times) || options.times < 1)) {
      throw new RangeError(`times must be a positive integer, got ${options.times}`);
    }
    this.armed.set(endpoint, { fault, remaining: options.times });
  }

  /** Clears one endpoint's fault, or every fault when no endpoint is given. */
  clear(endpoint?: string): void {
    if (endpoint === undefined) this.armed.clear();
    else this.armed.delete(endpoint);
  }

  /** The fault for this request, if any, counting one use. The endpoint's own fault wins over `'*'`. */
  take(endpoint: string): Fault | undefined {
    const key = this.armed.has(endpoint) ? endpoint : this.armed.has(ANY_ENDPOINT) ? ANY_ENDPOINT : undefined;
    if (key === undefined) return undefined;
    const armed = this.armed.get(key);
    if (!armed) return undefined;
    if (armed.remaining !== undefined) {
      armed.remaining -= 1;
      if (armed.remaining <= 0) this.armed.delete(key);
    }
    this.applied.push({ endpoint, fault: armed.fault });
    return armed.fault;
  }
}

/** Renders a `status` fault's payload as the provider would answer it. */
export type StatusRenderer = (payload: unknown, request: FastifyRequest) => { httpStatus?: number; body: unknown };

export interface FaultHookOptions {
  /** Which endpoint a request is for; defaults to the route path (e.g. `/QuickPay/Query`). */
  endpointOf?: (request: FastifyRequest) => string | undefined;
  /** Defaults to sending the payload as JSON. */
  renderStatus?: StatusRenderer;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Applies one fault to a request. Returns true when the fault answered (or will never answer) the
 * request, so the route must not run; false when the route should go on (after a delay).
 */
export async function applyFault(
  fault: Fault,
  request: FastifyRequest,
  reply: FastifyReply,
  renderStatus: StatusRenderer = (payload) => ({ body: payload }),
): Promise<boolean> {
  switch (fault.kind) {
    case 'delay':
    case 'lateLanding':
      await sleep(fault.ms);
      return false;
    case 'lateAnswer':
      return false;
    case 'timeout': {
      reply.hijack();
      const socket = request.raw.socket;
      if (!socket.destroyed) await new Promise<void>((resolve) => socket.once('close', () => resolve()));
      return true;
    }
    case 'reset':
      reply.hijack();
      request.raw.socket.destroy();
      return true;
    case 'http5xx':
      await reply
        .code(fault.status ?? 502)
        .type('text/html')
        .send('<html><body><h1>502 Bad Gateway</h1></body></html>');
      return true;
    case 'malformed':
      await reply.code(200).type('application/json; charset=utf-8').send('{"code":"SUCCESS","msg":<html>');
      return true;
    case 'status': {
      const rendered = renderStatus(fault.payload, request);
      const body = typeof rendered.body === 'string' ? rendered.body : JSON.stringify(rendered.body);
      await reply
        .code(rendered.httpStatus ?? fault.httpStatus ?? 200)
        .type('application/json; charset=utf-8')
        .send(body);
      return true;
    }
  }
}

/**
 * Installs the switchboard on every route of `app` (a preHandler, so the body is parsed and can
 * name the endpoint). Register it before the routes.
 */
export function installFaults(app: FastifyInstance, faults: FaultSwitchboard, options: FaultHookOptions = {}): void {
  const endpointOf = options.endpointOf ?? ((request: FastifyRequest) => request.routeOptions.url);
  /** Late requests, and how long a `lateAnswer` still holds the answer once the route has run. */
  const late = new WeakMap<FastifyRequest, { holdMs: number }>();
  app.addHook('preHandler', async (request, reply) => {
    const endpoint = endpointOf(request);
    if (endpoint === undefined) return;
    const fault = faults.take(endpoint);
    if (!fault) return;
    if (fault.kind === 'lateAnswer' || fault.kind === 'lateLanding') {
      faults.lateStarted();
      late.set(request, { holdMs: fault.kind === 'lateAnswer' ? fault.ms : 0 });
    }
    const answered = await applyFault(fault, request, reply, options.renderStatus);
    if (answered) return reply;
  });
  // The route has run (the operation stands); a late answer waits here, then goes to whoever listens.
  app.addHook('onSend', async (request, _reply, payload) => {
    const pending = late.get(request);
    if (!pending) return payload;
    late.delete(request);
    try {
      if (pending.holdMs > 0) await sleep(pending.holdMs);
    } finally {
      faults.lateFinished();
    }
    return payload;
  });
}
