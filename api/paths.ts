/** The page a subscribe message (and a shared link) opens for one order. */
export function orderPagePath(orderNo: string): string {
  return `pages/order/index?orderNo=${encodeURIComponent(orderNo)}`;
}
