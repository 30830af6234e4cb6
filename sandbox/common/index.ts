/**
 * Sandbox common infrastructure: what every provider sandbox (QuickPay, Caibao, Tencent Cloud Pay)
 * is built from. A provider sandbox is a fastify app that is as strict as the provider's docs:
 *
 *   export function createXSandbox({ cashier, clock }: { cashier: Cashier; clock: SandboxClock }) {
 *     const app = createSandboxApp();                    // quiet, force-closes hung sockets
 *     const faults = new FaultSwitchboard();
 *     installFaults(app, faults, { endpointOf, renderStatus });   // before the routes
 *     const notifier = new Notifier({ clock, retryDelaysMs: X_SCHEDULE, isAcknowledged });
 *     app.post('/x/create', ...)        // validate like the provider, keep the order, then
 *       cashier.issue({ appId, amount, description, onPaid: () => { markPaid(); notifier.send({url, body}) } })
 *       → the five wx.requestPayment fields (+ appId), returned in the provider's own format
 *     app.addHook('onClose', async () => notifier.close());
 *     return { app, faults, notifier, orders, credentials };
 *   }
 *
 * - `clock`: sandbox time with a speed factor, so hour-long retry schedules run in milliseconds in
 *   tests (`createManualClock` for fully deterministic unit tests).
 * - `faults`: per-endpoint failures (delay, timeout, HTTP 5xx, reset, malformed body, provider
 *   error status) to test how adapters classify each.
 * - `notifier`: notification delivery with the provider's retry schedule and acknowledgement rule,
 *   plus duplicate / out-of-order / drop faults, a delivery log and `idle()` for tests.
 * - `cashier`: WeChat's payment sheet: issues prepay ids for a mini program's AppID with a WeChat
 *   Pay v2 paySign (MD5 or HMAC-SHA256), verifies them on pay/cancel (prepay known and unexpired,
 *   paySign by its signType, the calling mini program's AppID: "appid mismatch"), and serves a
 *   browser page with Pay / Cancel buttons.
 * - `server`: `listen(app, port)` on 127.0.0.1 → `{url, close}`.
 */
export * from './clock';
export * from './faults';
export * from './notifier';
export * from './cashier';
export * from './cashier-routes';
export * from './server';
