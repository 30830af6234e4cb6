import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDatabaseSpec } from '../../../database/schema';
import { CloudDatabaseError, LocalDatabase } from '../../../sandbox/cloud/database';

describe('local cloud database', () => {
  let dir: string;
  let db: LocalDatabase;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'localdb-'));
    db = new LocalDatabase(dir);
  });
  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers in wx-server-sdk shapes', async () => {
    const added = await db.collection('things').add({ data: { name: 'a', n: 1 } });
    expect(typeof added._id).toBe('string');
    expect((await db.collection('things').doc(added._id).get()).data).toEqual({ _id: added._id, name: 'a', n: 1 });
    expect((await db.collection('things').where({ name: 'a' }).get()).data).toHaveLength(1);
    expect(await db.collection('things').where({ name: 'a' }).update({ data: { n: 2 } })).toMatchObject({ stats: { updated: 1 } });
    expect(await db.collection('things').where({ name: 'zzz' }).count()).toMatchObject({ total: 0 });
    expect(await db.collection('things').doc(added._id).remove()).toMatchObject({ stats: { removed: 1 } });
    await expect(db.collection('things').doc(added._id).get()).rejects.toBeInstanceOf(CloudDatabaseError);
  });

  it('refuses a second document with the same _id', async () => {
    await db.collection('things').add({ data: { _id: 'k1', v: 1 } });
    await expect(db.collection('things').add({ data: { _id: 'k1', v: 2 } })).rejects.toThrow(/duplicate/);
    expect((await db.collection('things').doc('k1').get()).data.v).toBe(1);
  });

  it('makes a conditional update a compare-and-set: of concurrent callers exactly one wins', async () => {
    const _ = db.command;
    await db.collection('orders').add({ data: { _id: 'o1', status: 'PAYING', winner: null } });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_x, i) =>
        db.collection('orders').where({ _id: 'o1', status: _.in(['CREATED', 'PAYING']) }).update({ data: { status: 'PAID', winner: i } }),
      ),
    );
    expect(results.filter((r) => r.stats.updated === 1)).toHaveLength(1);
    expect(results.filter((r) => r.stats.updated === 0)).toHaveLength(19);
  });

  it('supports the commands the project uses', async () => {
    const _ = db.command;
    const c = db.collection('nums');
    for (let i = 1; i <= 6; i++) await c.add({ data: { _id: `n${i}`, v: i, tags: i % 2 ? ['odd'] : ['even'], nested: { x: i } } });
    const ids = async (cond: unknown) => (await c.where(cond).orderBy('v', 'asc').get()).data.map((d) => d._id);
    expect(await ids({ v: _.gt(2).and(_.lte(4)) })).toEqual(['n3', 'n4']);
    expect(await ids(_.or([{ v: 1 }, { v: 6 }]))).toEqual(['n1', 'n6']);
    expect(await ids({ v: _.neq(3), tags: 'odd' })).toEqual(['n1', 'n5']);
    expect(await ids({ nested: { x: _.gte(5) } })).toEqual(['n5', 'n6']);
    expect(await ids({ v: _.in([2, 9]) })).toEqual(['n2']);
    expect((await c.where({}).orderBy('v', 'desc').skip(1).limit(2).get()).data.map((d) => d._id)).toEqual(['n5', 'n4']);

    await c.doc('n1').update({ data: { v: _.inc(10), nested: { y: 1 }, tags: _.push(['x']) } });
    expect((await c.doc('n1').get()).data).toEqual({ _id: 'n1', v: 11, tags: ['odd', 'x'], nested: { x: 1, y: 1 } });
    await c.doc('n1').update({ data: { nested: _.set({ z: 2 }) } });
    expect((await c.doc('n1').get()).data.nested).toEqual({ z: 2 });
    await c.doc('n1').update({ data: { 'tags.1': 'y' } });
    expect((await c.doc('n1').get()).data.tags).toEqual(['odd', 'y']);
    await expect(c.doc('n1').update({ data: { _id: 'other' } })).rejects.toThrow(/_id/);
  });

  it('keeps everything across a restart', async () => {
    const _ = db.command;
    await db.collection('orders').add({ data: { _id: 'o1', status: 'CREATED', amount: 100 } });
    await db.collection('orders').where({ _id: 'o1', status: 'CREATED' }).update({ data: { status: 'PAID' } });
    await db.collection('orders').add({ data: { _id: 'o2', status: 'CREATED' } });
    await db.collection('orders').doc('o2').remove();
    await db.close();
    db = new LocalDatabase(dir);
    const { data } = await db.collection('orders').where({ status: _.in(['PAID', 'CREATED']) }).get();
    expect(data).toEqual([{ _id: 'o1', status: 'PAID', amount: 100 }]);
  });

  it('keeps an index on the leading field of every index declared in database/collections, as the cloud does', async () => {
    const declared = loadDatabaseSpec().collections.find((c) => c.name === 'orders');
    const leading = new Set(declared?.indexes.map((index) => Object.keys(index.keys)[0]));
    expect(leading.has('orderNo')).toBe(true);
    const store = await db.store('orders');
    // NeDB's typings leave its index table out.
    expect(Object.keys((store as unknown as { indexes: Record<string, unknown> }).indexes).sort()).toEqual([...leading, '_id'].sort());
    // A conditional update on an indexed field reads only the documents that field selects.
    const c = db.collection('orders');
    for (let i = 0; i < 50; i++) await c.add({ data: { _id: `o${i}`, orderNo: `N${i}`, status: 'CREATED', amount: 100 } });
    const seen = jest.spyOn(store, 'getAllData');
    expect((await c.where({ orderNo: 'N7', status: db.command.in(['CREATED']), amount: 100 }).update({ data: { status: 'PAID' } })).stats.updated).toBe(1);
    expect(seen).not.toHaveBeenCalled();
  });
});
