import type { WeappPage } from './harness';

/**
 * Waits until `ready` holds on the page, settling between looks. For pages whose work goes beyond
 * one settle (cloud calls that reach a database or a provider sandbox over HTTP).
 */
export async function waitUntil(page: WeappPage, ready: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.settle();
    if (ready()) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; the page shows: ${page.text()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
