import { findAll, type RenderedNode, type WeappPage } from '../../support/weapp';

/** The Add button of the product called `name` on the compiled shop page. */
export function addButtonOf(page: WeappPage, name: string): RenderedNode {
  const product = page.findAll((n) => n.className.split(' ').includes('product') && page.text(n).includes(name))[0];
  const button = product && findAll(product, (n) => n.className === 'product__add')[0];
  if (!button) throw new Error(`no Add button for ${name} on ${page.route}`);
  return button;
}

/** The text of the one node with this class, or '' when the page does not show it (yet). */
export function textOfClass(page: WeappPage, className: string): string {
  const nodes = page.findAll((n) => n.className.split(' ').includes(className));
  return nodes.map((n) => page.text(n)).join(' ');
}
