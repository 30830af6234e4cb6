/**
 * Money is an integer number of fen (分), everywhere. `Fen` is a branded number so that a plain
 * number (a quantity, a timestamp, yuan) cannot be passed where an amount is expected without
 * going through `toFen`, which rejects anything that is not a safe, non-negative integer.
 */
declare const fenBrand: unique symbol;
export type Fen = number & { readonly [fenBrand]: true };

export function toFen(value: number): Fen {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`amount must be a non-negative integer number of fen, got ${String(value)}`);
  }
  return value as Fen;
}

/** The one currency an amount is in: fen are hundredths of a yuan (CNY). */
export const CURRENCY = 'CNY';

/**
 * A provider's currency code that is not ours (absent = the provider does not say: its amounts are
 * CNY by its pages). An amount in another currency is never taken as fen of CNY.
 */
export function isForeignCurrency(code: string | undefined): boolean {
  return code !== undefined && code !== CURRENCY;
}

export function isFen(value: unknown): value is Fen {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

export function addFen(a: Fen, b: Fen): Fen {
  return toFen(a + b);
}

export function subtractFen(a: Fen, b: Fen): Fen {
  return toFen(a - b);
}

export function sumFen(values: readonly Fen[]): Fen {
  return values.reduce<Fen>((total, v) => addFen(total, v), toFen(0));
}

export function multiplyFen(unit: Fen, quantity: number): Fen {
  if (!Number.isSafeInteger(quantity) || quantity < 0) {
    throw new RangeError(`quantity must be a non-negative integer, got ${String(quantity)}`);
  }
  return toFen(unit * quantity);
}

/** For people only ("12.30"); never parse this back into an amount. */
export function formatYuan(amount: Fen): string {
  const yuan = Math.floor(amount / 100);
  const fen = amount % 100;
  return `${yuan}.${fen.toString().padStart(2, '0')}`;
}
