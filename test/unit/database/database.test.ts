import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { uncovered, type QueryShape } from '../../../database/coverage';
import { clientMayInvoke, loadDatabaseSpec, type CollectionSpec } from '../../../database/schema';
import { PRODUCTS } from '../../../server/catalog/product';
import { PAYMENT_EVENTS } from '../../../server/orders/events';
import { ORDERS } from '../../../server/orders/model';
import { REFUND_NUMBERS } from '../../../server/orders/repository';

const ROOT = join(__dirname, '../../..');
const spec = loadDatabaseSpec();
const functionNames = readdirSync(join(ROOT, 'cloudfunctions'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(ROOT, 'cloudfunctions', entry.name, 'index.ts')))
  .map((entry) => entry.name);

describe('database/ as files', () => {
  it('declares every collection the server code uses', () => {
    const declared = spec.collections.map((c) => c.name);
    for (const name of [ORDERS, PAYMENT_EVENTS, REFUND_NUMBERS, PRODUCTS]) expect(declared).toContain(name);
  });

  it('lets no client read or write any collection directly: only cloud functions do', () => {
    for (const collection of spec.collections) expect({ [collection.name]: collection.rules }).toEqual({ [collection.name]: { read: false, write: false } });
  });

  it('lets the mini program invoke pay, orders, catalog and merchant only', () => {
    const invocable = functionNames.filter((name) => clientMayInvoke(spec.functionRules, name)).sort();
    expect(invocable).toEqual(['catalog', 'merchant', 'orders', 'pay'].filter((name) => functionNames.includes(name)));
    for (const name of ['payNotify', 'refund', 'reconcile']) expect(clientMayInvoke(spec.functionRules, name)).toBe(false);
    // Anything deployed later and not named is closed by the "*" entry.
    expect(clientMayInvoke(spec.functionRules, 'some-new-function')).toBe(false);
  });

  it('names only functions that exist in its invoke rules', () => {
    for (const name of Object.keys(spec.functionRules)) if (name !== '*') expect(functionNames).toContain(name);
  });
});

describe('index coverage', () => {
  const orders: CollectionSpec = {
    name: 'orders',
    description: 'test',
    rules: { read: false, write: false },
    indexes: [
      { name: 'orderNo_openid', keys: { orderNo: 1, openid: 1 } },
      { name: 'status_updatedAt', keys: { status: 1, updatedAt: 1 } },
    ],
  };
  const query = (condition: Record<string, unknown>, orderBy: string[] = []): QueryShape => ({ collection: 'orders', condition, orderBy });

  it('serves a query whose fields are the leading fields of an index, in any order', () => {
    expect(uncovered(query({ orderNo: 'A' }), [orders])).toBeUndefined();
    expect(uncovered(query({ $and: [{ openid: 'o' }, { orderNo: 'A' }] }), [orders])).toBeUndefined();
    expect(uncovered(query({ status: { $in: ['PAYING'] } }, ['updatedAt']), [orders])).toBeUndefined();
  });

  it('serves any query that pins _id', () => {
    expect(uncovered(query({ $and: [{ _id: 'x' }, { status: { $in: ['PAID'] } }, { $or: [{ a: 1 }, { b: 2 }] }] }), [orders])).toBeUndefined();
  });

  it('refuses a filter or a sort on a field no index leads with', () => {
    expect(uncovered(query({ openid: 'o' }), [orders])).toMatch(/no index covers a query on \{openid\}/);
    expect(uncovered(query({ orderNo: 'A' }, ['createdAt']), [orders])).toMatch(/sorted by createdAt/);
    expect(uncovered(query({ updatedAt: { $lt: 1 } }), [orders])).toBeDefined();
    expect(uncovered(query({}), [orders])).toBeDefined();
  });

  it('needs every $or branch served', () => {
    expect(uncovered(query({ $or: [{ orderNo: 'A' }, { previousOrderNos: 'A' }] }), [orders])).toMatch(/previousOrderNos/);
  });

  it('refuses a collection that is not declared', () => {
    expect(uncovered({ collection: 'carts', condition: { _id: 'x' }, orderBy: [] }, [orders])).toMatch(/not declared/);
  });
});
