// Money and coefficients as integers. An amount is a whole number of fen (分); a coefficient, rate or
// ratio is a whole number of basis points (1 bp = 0.01 %, so ×1.2 is 12,000 and 15 % is 1,500). Both are
// plain numbers rather than branded types so that they cross JSON, zod and SQL integer columns as they
// are; what keeps floats out is that every product and quotient of them goes through `mulBp` or
// `divRound` below, which work on exact integers and round in one way.

/** Whole fen. 200元 is 20,000. */
export type Fen = number;
/** Whole basis points: 10,000 is ×1 (100 %). */
export type Bp = number;

export const BP_ONE: Bp = 10_000;

/**
 * The largest amount any computation may reach: 100 million 元. Below it, an amount times a coefficient
 * (at most 10^10 × 10^5) stays far inside Number.MAX_SAFE_INTEGER (9 × 10^15), so products are exact.
 */
export const MAX_FEN: Fen = 10_000_000_000;

export function assertFen(amount: number, what = 'amount'): Fen {
  if (!Number.isSafeInteger(amount) || Math.abs(amount) > MAX_FEN)
    throw new RangeError(`${what} must be whole fen within ±${MAX_FEN}, got ${amount}`);
  return amount;
}

/** 200 → 20,000 fen. Only for literal prices in data and tests: yuan with at most two decimals. */
export function yuan(amount: number): Fen {
  return assertFen(Math.round(amount * 100), `${amount}元`);
}

/** Floor division of integers, exact for operands up to 2^53 (corrects the float quotient by one step). */
export function floorDiv(n: number, d: number): { quotient: number; remainder: number } {
  let quotient = Math.floor(n / d);
  let remainder = n - quotient * d;
  if (remainder < 0) {
    quotient -= 1;
    remainder += d;
  } else if (remainder >= d) {
    quotient += 1;
    remainder -= d;
  }
  return { quotient, remainder };
}

/**
 * n / d to the nearest integer, halves upward (towards +∞: 2.5 → 3, −2.5 → −2). Upward rather than away
 * from zero so that rounding commutes with adding whole fen: round(b × c) − b = round(b × (c − 1)), and a
 * line reads the same whether it is computed as a new subtotal or as a surcharge on the old one.
 */
export function divRound(n: number, d: number): number {
  const { quotient, remainder } = floorDiv(n, d);
  return 2 * remainder >= d ? quotient + 1 : quotient;
}

/** amount × bp / 10,000, rounded half up to whole fen: the one rounding of every priced line. */
export function mulBp(amount: Fen, bp: Bp): Fen {
  return assertFen(divRound(assertFen(amount) * bp, BP_ONE));
}

/** "×1.2", "×0.95", "×1.15" for display in a line's label. */
export function formatCoefficient(bp: Bp): string {
  return `×${(bp / BP_ONE).toString()}`;
}
