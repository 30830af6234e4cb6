import { CloudDatabaseError, LocalDatabase, preferDeclaredIndex } from '../../../sandbox/cloud/database';
import { RemoteDatabase, serveDatabase, type ServedDatabase } from '../../../sandbox/cloud/remote-database';

describe('the local database served to another process', () => {
  let local: LocalDatabase;
  let served: ServedDatabase;
  let db: RemoteDatabase;
  beforeEach(async () => {
    local = new LocalDatabase();
    served = await serveDatabase(local);
    db = new RemoteDatabase(served.url);
  });
  afterEach(async () => {
    await db.close();
    await served.close();
    await local.close();
  });

  it('answers in wx-server-sdk shapes, and the data is the served database’s', async () => {
    const added = await db.collection('things').add({ data: { name: 'a', n: 1, gone: undefined } });
    expect(added).toEqual({ _id: expect.any(String), errMsg: 'collection.add:ok' });
    expect((await local.collection('things').doc(added._id).get()).data).toEqual({ _id: added._id, name: 'a', n: 1 });
    expect(await db.collection('things').doc(added._id).get()).toEqual({ data: { _id: added._id, name: 'a', n: 1 }, errMsg: 'document.get:ok' });
    expect(await db.collection('things').where({ name: 'a' }).update({ data: { n: 2 } })).toEqual({ stats: { updated: 1 }, errMsg: 'collection.update:ok' });
    expect(await db.collection('things').where({ name: 'zzz' }).count()).toEqual({ total: 0, errMsg: 'collection.count:ok' });
    expect(await db.collection('things').doc('k').set({ data: { v: 1 } })).toEqual({ _id: 'k', stats: { updated: 0, created: 1 }, errMsg: 'document.set:ok' });
    expect(await db.collection('things').doc(added._id).remove()).toEqual({ stats: { removed: 1 }, errMsg: 'document.remove:ok' });
  });

  it('throws the database’s errors as CloudDatabaseError with its code', async () => {
    await db.collection('things').add({ data: { _id: 'k1', v: 1 } });
    const duplicate = await db.collection('things').add({ data: { _id: 'k1', v: 2 } }).catch((err: unknown) => err);
    expect(duplicate).toBeInstanceOf(CloudDatabaseError);
    expect(duplicate).toMatchObject({ errCode: -502001, message: expect.stringMatching(/duplicate/) });
    await expect(db.collection('things').doc('nope').get()).rejects.toMatchObject({ errCode: -502004 });
  });

  it('keeps a conditional update a compare-and-set: of concurrent callers exactly one wins', async () => {
    const _ = db.command;
    await db.collection('orders').add({ data: { _id: 'o1', status: 'PAYING' } });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_x, i) => db.collection('orders').where({ _id: 'o1', status: _.in(['CREATED', 'PAYING']) }).update({ data: { status: 'PAID', winner: i } })),
    );
    expect(results.filter((r) => r.stats.updated === 1)).toHaveLength(1);
  });

  it('carries commands, ordering and dates', async () => {
    const _ = db.command;
    const c = db.collection('nums');
    const at = new Date('2026-12-02T10:00:00.000Z');
    for (let i = 1; i <= 4; i++) await c.add({ data: { _id: `n${i}`, v: i, at, nested: { x: i } } });
    expect((await c.where({ v: _.gt(1).and(_.lte(3)) }).orderBy('v', 'desc').get()).data.map((d) => d._id)).toEqual(['n3', 'n2']);
    await c.doc('n1').update({ data: { v: _.inc(10), nested: { y: 1 }, tags: _.push(['x']) } });
    const { data } = await c.doc('n1').get();
    expect(data).toEqual({ _id: 'n1', v: 11, at, nested: { x: 1, y: 1 }, tags: ['x'] });
    expect(data.at).toBeInstanceOf(Date);
    expect((await local.collection('nums').doc('n1').get()).data.at).toBeInstanceOf(Date);
  });
});

describe('index choice of the local database', () => {
  const orderIndexes = [['orderNo', 'openid'], ['status', 'updatedAt'], ['paidOrderNo', 'status', 'amount', 'refundedAmount']];

  it('serves a condition from the declared index that covers most of it, _id above all (NeDB uses the last exact field)', () => {
    expect(Object.keys(preferDeclaredIndex({ paidOrderNo: 'Q1', status: 'PAID', amount: 100 }, orderIndexes)).at(-1)).toBe('paidOrderNo');
    expect(Object.keys(preferDeclaredIndex({ _id: 'o1', orderNo: 'Q1', status: 'PAID' }, orderIndexes)).at(-1)).toBe('_id');
    // A tie: NeDB's own choice (the last exact field) stands.
    expect(Object.keys(preferDeclaredIndex({ orderNo: 'Q1', status: 'PAID' }, orderIndexes)).at(-1)).toBe('status');
  });

  it('changes only the order of the keys', () => {
    const condition = { paidOrderNo: 'Q1', status: 'PAID', amount: 100, x: { $in: [1] } };
    expect(preferDeclaredIndex(condition, orderIndexes)).toEqual(condition);
  });
});
