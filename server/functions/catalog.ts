/** `catalog`: the products on sale, prices in fen. Anyone may read it. */
import type { Product } from '../catalog/product';
import { CatalogRepository } from '../catalog/repository';
import { initCloud, envelope, type Envelope } from './runtime';

export type ProductView = Omit<Product, 'sort'>;

export function catalogFunction(sdk: unknown) {
  const cloud = initCloud(sdk);
  return (): Promise<Envelope<{ products: ProductView[] }>> =>
    envelope('catalog', async () => {
      const products = await new CatalogRepository(cloud.database()).list();
      return { products: products.map(({ sort: _sort, ...view }) => view) };
    });
}
