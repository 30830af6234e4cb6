/**
 * `ioOnly`, the floor of the notification-rate figures: a cloud function handed the same events as
 * payNotify, after payNotify has applied them, that does the input and output payNotify does for an
 * applied notification and none of its work (no reading of the body, no verification, schema,
 * settlement or state table): the bench adds the order's number to each event (`benchOrderNo`), and
 * ioOnly makes payNotify's 2 database updates with a record of the same shape —
 * 1. the repeat check: a conditional update on `paidOrderNo` that finds nothing (amount -1);
 * 2. the move: a conditional update of that order (paid by now) that pushes the record, onto a
 *    field of its own, so the order's own history is left as payNotify wrote it —
 * and, for QuickPay, between them one POST of its query for that order to the provider (postRaw,
 * the adapter's transport, with the configured credential). It answers a fixed text; an update that
 * finds no order, or a query not answered with the order, fails the bench.
 */
import type { Database } from '../sandbox/cloud/database';
import type { CloudFunctionModule } from '../sandbox/cloud/runtime';
import { postRaw } from '../server/platform/http';

export interface IoOnlyEvent {
  benchOrderNo?: string;
}

export function ioOnlyFunction(database: () => Database, env: NodeJS.ProcessEnv): CloudFunctionModule {
  async function quickpayQuery(orderNo: string): Promise<void> {
    const body = JSON.stringify({ store_no: env.QUICKPAY_STORE_NO, order_no: orderNo });
    const headers = { 'content-type': 'application/json', [env.QUICKPAY_AUTH_HEADER ?? '']: env.QUICKPAY_AUTH_VALUE ?? '' };
    const answer = await postRaw(`${env.QUICKPAY_BASE_URL}/QuickPay/Query`, body, { headers });
    if (answer.status !== 200 || !answer.body.includes(orderNo)) throw new Error(`ioOnly's query was not answered with the order (${answer.status})`);
  }
  return {
    main: async (event: IoOnlyEvent) => {
      const orderNo = event.benchOrderNo;
      if (!orderNo) throw new Error('ioOnly needs benchOrderNo');
      const db = database();
      const orders = db.collection('orders');
      const record = () => ({ kind: 'notification', outcome: 'applied', at: new Date(), via: 'notification', provider: env.PAY_PROVIDER, orderNo, status: 'PAID' });
      await orders.where({ paidOrderNo: orderNo, status: 'PAID', amount: -1 }).update({ data: { updatedAt: new Date(), notifications: db.command.push([record()]) } });
      if (env.PAY_PROVIDER === 'quickpay') await quickpayQuery(orderNo);
      const moved = await orders.where({ orderNo, status: 'PAID' }).update({ data: { updatedAt: new Date(), ioOnlyRecords: db.command.push([record()]) } });
      if (moved.stats.updated !== 1) throw new Error(`ioOnly found no paid order ${orderNo}`);
      return { statusCode: 200, headers: { 'content-type': 'text/plain' }, body: 'OK' };
    },
  };
}
