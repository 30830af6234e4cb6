/**
 * Prices arrive as integer fen; the shop shows yuan. Only integer arithmetic: `1234` → `¥12.34`.
 */
export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an amount in fen: ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const cents = abs % 100;
  const yuan = (abs - cents) / 100;
  return `${sign}¥${yuan}.${String(cents).padStart(2, '0')}`;
}

/** Line total in fen: unit price × quantity, both integers. */
export function lineTotal(unitPrice: number, quantity: number): number {
  return unitPrice * quantity;
}
