import { command as _ } from '../../../sandbox/cloud/commands';
import { toNedbModifier, toNedbQuery } from '../../../sandbox/cloud/translate';

describe('wx conditions → NeDB queries', () => {
  it('matches nested fields, not whole sub-documents', () => {
    expect(toNedbQuery({ a: { b: 1, c: _.gt(2) } })).toEqual({ 'a.b': 1, 'a.c': { $gt: 2 } });
  });
  it('keeps arrays and dates as values', () => {
    const when = new Date(0);
    expect(toNedbQuery({ tags: ['x'], at: when })).toEqual({ tags: ['x'], at: when });
  });
  it('translates logic at the top and on a field', () => {
    expect(toNedbQuery(_.or([{ a: 1 }, { b: _.in([2]) }]))).toEqual({ $or: [{ a: 1 }, { b: { $in: [2] } }] });
    expect(toNedbQuery({ n: _.gt(1).and(_.lt(3)) })).toEqual({ $and: [{ n: { $gt: 1 } }, { n: { $lt: 3 } }] });
  });
  it('keeps a conjunction apart only when two parts name the same key', () => {
    expect(toNedbQuery({ a: { b: 1 }, 'a.b': _.gt(0) })).toEqual({ $and: [{ 'a.b': 1 }, { 'a.b': { $gt: 0 } }] });
    // Two alternatives on two fields are two $or: merged, one would overwrite the other.
    expect(toNedbQuery({ a: _.eq(1).or(_.eq(2)), b: _.eq(3).or(_.eq(4)) })).toEqual({
      $and: [{ $or: [{ a: 1 }, { a: 2 }] }, { $or: [{ b: 3 }, { b: 4 }] }],
    });
  });
  it('refuses update commands in a query', () => {
    expect(() => toNedbQuery({ n: _.inc(1) })).toThrow(/update command/);
  });
});

describe('wx update data → NeDB modifiers', () => {
  it('merges nested objects, replaces with _.set, and drops undefined', () => {
    expect(toNedbModifier({ a: { b: 1 }, c: _.set({ d: 2 }), e: undefined, f: _.inc(3), g: _.remove(), h: _.push(['x']) })).toEqual({
      $set: { 'a.b': 1, c: { d: 2 } },
      $inc: { f: 3 },
      $unset: { g: true },
      $push: { h: { $each: ['x'] } },
    });
  });
  it('refuses an empty update, _id changes and query commands', () => {
    expect(() => toNedbModifier({})).toThrow(/empty/);
    expect(() => toNedbModifier({ _id: 'x' })).toThrow(/_id/);
    expect(() => toNedbModifier({ a: _.eq(1) })).toThrow(/query command/);
  });
});
