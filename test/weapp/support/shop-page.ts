import { findAll, type RenderedNode, type WeappPage } from '../../support/weapp';

/** The stepper's + of the product called `name` on the compiled 首页. */
export function plusOf(page: WeappPage, name: string): RenderedNode {
  const product = page.findAll((n) => n.className.split(' ').includes('product') && page.text(n).includes(name))[0];
  const button = product && findAll(product, (n) => n.className.split(' ').includes('stepper__more'))[0];
  if (!button) throw new Error(`no + for ${name} on ${page.route}`);
  return button;
}

/** The text of the nodes with this class, or '' when the page does not show it (yet). */
export function textOfClass(page: WeappPage, className: string): string {
  const nodes = page.findAll((n) => n.className.split(' ').includes(className));
  return nodes.map((n) => page.text(n)).join(' ');
}

/** The one node with this class inside the order card that mentions `text`. */
export function inCard(page: WeappPage, text: string, className: string): RenderedNode {
  const card = page.findAll((n) => n.className.split(' ').includes('order-card') && page.text(n).includes(text))[0];
  const node = card && findAll(card, (n) => n.className.split(' ').includes(className))[0];
  if (!node) throw new Error(`no .${className} in the order card with ${text} on ${page.route}`);
  return node;
}

/** The orderNo in a route the app navigated to. */
export const orderNoIn = (url: string | undefined): string => /orderNo=([A-Za-z0-9]+)/.exec(url ?? '')?.[1] ?? '';
