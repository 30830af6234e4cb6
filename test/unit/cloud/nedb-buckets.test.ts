import Datastore from '@seald-io/nedb';
import { LocalDatabase } from '../../../sandbox/cloud/database';
import { removeFromBucketsInPlace } from '../../../sandbox/cloud/nedb-buckets';

type Tree = { search(key: unknown): unknown[] };
const treeOf = (store: Datastore, field: string) => (store as unknown as { indexes: Record<string, { tree: Tree }> }).indexes[field]?.tree as Tree;

describe("the local database's index buckets", () => {
  it('take a document out of a bucket of several in place, and leave every index answering as before', async () => {
    const db = new LocalDatabase();
    try {
      const orders = db.collection('orders');
      for (let i = 0; i < 60; i++) await orders.add({ data: { _id: `o${i}`, orderNo: `N${i}`, openid: `u${i % 3}`, status: 'PENDING' } });
      const status = treeOf(await db.store('orders'), 'status');
      const pending = status.search('PENDING');
      for (let i = 0; i < 60; i += 2) await orders.where({ orderNo: `N${i}`, status: 'PENDING' }).update({ data: { status: 'PAID' } });
      // The same array, one document fewer each time: no copy of the bucket per update.
      expect(status.search('PENDING')).toBe(pending);
      expect(pending).toHaveLength(30);
      const ids = async (condition: Record<string, unknown>) => (await orders.where(condition).get()).data.map((d) => d._id).sort();
      const odd = Array.from({ length: 30 }, (_x, k) => `o${2 * k + 1}`).sort();
      const even = Array.from({ length: 30 }, (_x, k) => `o${2 * k}`).sort();
      expect(await ids({ status: 'PENDING' })).toEqual(odd);
      expect(await ids({ status: 'PAID' })).toEqual(even);
      expect(await ids({ openid: 'u0', status: 'PAID' })).toEqual(even.filter((id) => Number(id.slice(1)) % 3 === 0));
      // A bucket emptied one by one down to its last document, then that one: the key is gone.
      for (let i = 1; i < 60; i += 2) await orders.where({ orderNo: `N${i}` }).update({ data: { status: 'CLOSED' } });
      expect(await ids({ status: 'PENDING' })).toEqual([]);
      expect(status.search('PENDING')).toEqual([]);
      expect(await orders.where({ status: 'CLOSED' }).count()).toMatchObject({ total: 30 });
      // Removing documents goes through the same indexes.
      await orders.where({ status: 'PAID' }).remove();
      expect(await ids({ status: 'PAID' })).toEqual([]);
      expect(await orders.where({}).count()).toMatchObject({ total: 30 });
    } finally {
      await db.close();
    }
  });

  it('fails loudly on a NeDB whose internals are not the ones it was written for', () => {
    expect(() => removeFromBucketsInPlace({} as Datastore)).toThrow(/needs updating/);
    expect(() => removeFromBucketsInPlace({ indexes: { status: {} } } as unknown as Datastore)).toThrow(/index status has no tree/);
  });
});
