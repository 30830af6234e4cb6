import { applySetData, parseDataPath } from '../../support/weapp/set-data';

describe('setData paths (WeChat semantics)', () => {
  it('splits property names and indexes in both bracket styles', () => {
    expect(parseDataPath('root.cn.[0].cn.[12].v')).toEqual(['root', 'cn', 0, 'cn', 12, 'v']);
    expect(parseDataPath('list[1].name')).toEqual(['list', 1, 'name']);
    expect(() => parseDataPath('')).toThrow('empty data path');
  });

  it('updates nested values in place and creates missing arrays and objects', () => {
    const data: Record<string, unknown> = { root: { cn: [{ v: 'a' }, { v: 'b' }] } };

    applySetData(data, { 'root.cn.[1].v': 'B', 'cart.items[0].qty': 2, title: 'Shop' });

    expect(data).toEqual({
      root: { cn: [{ v: 'a' }, { v: 'B' }] },
      cart: { items: [{ qty: 2 }] },
      title: 'Shop',
    });
  });

  it('stores a JSON copy, like the real framework does', () => {
    const node = { v: 'x', onTap: () => undefined };
    const data: Record<string, unknown> = {};

    applySetData(data, { 'root.cn': [node] });
    node.v = 'changed later';

    expect(data).toEqual({ root: { cn: [{ v: 'x' }] } });
  });
});
