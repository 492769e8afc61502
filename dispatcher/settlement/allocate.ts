// Largest-remainder allocation: share a whole number of fen among parts whose exact values are
// fractions, so that the parts sum to the total exactly and each is its exact value rounded down or up.
import { assertFen, floorDiv, type Fen } from '../pricing/money';

/**
 * Parts of `total` whose exact values are numerators[i] / denominator (the numerators must sum to
 * total × denominator). Each part gets the floor of its exact value; the fen left over go one each to
 * the parts with the largest remainders, ties to the earlier part, so callers list first whom a tie
 * should favour.
 */
export function allocate(total: Fen, numerators: readonly number[], denominator: number): Fen[] {
  if (!Number.isSafeInteger(denominator) || denominator <= 0)
    throw new RangeError(`denominator must be a positive integer, got ${denominator}`);
  let sum = 0;
  for (const n of numerators) {
    if (!Number.isSafeInteger(n) || n < 0)
      throw new RangeError(`numerators must be whole and non-negative, got ${n}`);
    sum += n;
  }
  if (sum !== assertFen(total) * denominator)
    throw new RangeError(`numerators sum to ${sum}, not ${total} × ${denominator}`);
  const parts = numerators.map((n) => floorDiv(n, denominator));
  let left = total - parts.reduce((s, p) => s + p.quotient, 0);
  const shares = parts.map((p) => p.quotient);
  const order = parts
    .map((_, i) => i)
    .sort((a, b) => (parts[b]?.remainder ?? 0) - (parts[a]?.remainder ?? 0) || a - b);
  for (const i of order) {
    if (left === 0) break;
    shares[i] = (shares[i] ?? 0) + 1;
    left -= 1;
  }
  return shares;
}
