/**
 * NeDB keeps an index as an AVL tree whose node holds every document with that key (a bucket). To
 * take one document out of a bucket, the tree builds a new array through a callback per member, so
 * updating an order costs time in proportion to how many orders share each of its indexed values:
 * every PAID order, for `status`. A database index is a tree of (key, _id) entries, where that
 * costs the same at any size. `removeFromBucketsInPlace` makes each of a store's indexes take a
 * document out of a bucket of several with one `indexOf` and `splice`: what is removed is the same
 * (NeDB compares documents by identity, as `indexOf` does); a bucket of one, or a document not in
 * its bucket, still goes through the tree's own delete. NeDB hands out copies of buckets, never the
 * arrays themselves, so changing one in place is seen by no reader. Throws when NeDB's internals are
 * not the ones this was written for (@seald-io/nedb 4, @seald-io/binary-search-tree 1).
 */
import type Datastore from '@seald-io/nedb';

interface BucketTree {
  delete(key: unknown, value?: unknown): void;
  search(key: unknown): unknown[];
}

export function removeFromBucketsInPlace(datastore: Datastore): void {
  const indexes = (datastore as unknown as { indexes?: Record<string, { tree?: Partial<BucketTree> }> }).indexes;
  if (!indexes) throw new Error('NeDB datastore without indexes: removeFromBucketsInPlace needs updating');
  for (const [name, index] of Object.entries(indexes)) {
    const tree = index.tree;
    if (typeof tree?.delete !== 'function' || typeof tree.search !== 'function') throw new Error(`NeDB index ${name} has no tree: removeFromBucketsInPlace needs updating`);
    const bucketTree = tree as BucketTree;
    const treeDelete = bucketTree.delete.bind(bucketTree);
    tree.delete = (key: unknown, value?: unknown): void => {
      if (value !== undefined) {
        const bucket = bucketTree.search(key);
        if (bucket.length > 1) {
          const at = bucket.indexOf(value);
          if (at >= 0) {
            bucket.splice(at, 1);
            return;
          }
        }
      }
      treeDelete(key, value);
    };
  }
}
