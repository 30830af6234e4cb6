/** Every sandbox listens on loopback only, and closes without waiting for hung connections. */
import Fastify, { type FastifyInstance } from 'fastify';

export interface Listening {
  /** e.g. `http://127.0.0.1:8701` (no trailing slash). */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** A fastify instance configured the way sandboxes need: quiet, and force-closing connections on close. */
export function createSandboxApp(): FastifyInstance {
  return Fastify({ logger: false, forceCloseConnections: true });
}

export async function listen(app: FastifyInstance, port = 0): Promise<Listening> {
  await app.listen({ host: '127.0.0.1', port });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('sandbox server has no TCP address');
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    close: () => {
      closing ??= app.close();
      return closing;
    },
  };
}
