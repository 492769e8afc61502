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
  const shares: Fen[] = [];
  const remainders: number[] = [];
  let left = total;
  for (const n of numerators) {
    const { quotient, remainder } = floorDiv(n, denominator);
    shares.push(quotient);
    remainders.push(remainder);
    left -= quotient;
  }
  // Fewer fen are left than there are parts, so picking the largest remainder each time is cheap; a
  // part that got one is marked out (−1). Strict > keeps the earlier part on a tie.
  for (; left > 0; left--) {
    let best = 0;
    for (let i = 1; i < remainders.length; i++)
      if ((remainders[i] ?? -1) > (remainders[best] ?? -1)) best = i;
    shares[best] = (shares[best] ?? 0) + 1;
    remainders[best] = -1;
  }
  return shares;
}
