/** Products from the cloud database. */
import { createLogger } from '../platform/log';
import type { CloudDatabase } from '../orders/cloud-database';
import { PRODUCTS, productFromDoc, productToDoc, type Product } from './product';

const log = createLogger('catalog');
const MAX_PRODUCTS = 1000;

export class CatalogRepository {
  constructor(private readonly db: CloudDatabase) {}

  async list(): Promise<Product[]> {
    const { data } = await this.db.collection(PRODUCTS).orderBy('sort', 'asc').limit(MAX_PRODUCTS).get();
    return data.flatMap((doc) => {
      const product = productFromDoc(doc);
      if (!product) log.warn('product document is malformed: treated as unavailable', { skuId: doc._id });
      return product ? [product] : [];
    });
  }

  async findMany(skuIds: readonly string[]): Promise<Map<string, Product>> {
    const _ = this.db.command;
    const { data } = await this.db.collection(PRODUCTS).where({ _id: _.in([...skuIds]) }).limit(MAX_PRODUCTS).get();
    const found = new Map<string, Product>();
    for (const doc of data) {
      const product = productFromDoc(doc);
      if (product) found.set(product.skuId, product);
      else log.warn('product document is malformed: treated as unavailable', { skuId: doc._id });
    }
    return found;
  }

  /** Write products as given (create or replace): demo seeding and merchant tooling. */
  async upsert(products: readonly Product[]): Promise<void> {
    for (const product of products) {
      const { _id, ...rest } = productToDoc(product);
      await this.db.collection(PRODUCTS).doc(String(_id)).set({ data: rest });
    }
  }
}
