import { describe, expect, it } from 'vitest';
import {
  assertFen,
  divRound,
  formatCoefficient,
  MAX_FEN,
  mulBp,
  yuan
} from '../../../../dispatcher/pricing/money';

describe('money', () => {
  it('rounds halves up, towards +∞, so that a surcharge rounds like the subtotal it makes', () => {
    expect(divRound(5, 2)).toBe(3);
    expect(divRound(-5, 2)).toBe(-2);
    expect(divRound(7, 3)).toBe(2);
    expect(divRound(-7, 3)).toBe(-2);
    expect(mulBp(10_005, 1_000)).toBe(1_001); // 1,000.5
    expect(mulBp(10_005, -1_000)).toBe(-1_000); // −1,000.5
    expect(mulBp(10_005, 11_000) - 10_005).toBe(mulBp(10_005, 1_000));
  });

  it('refuses amounts that are not whole fen or beyond 100 million 元', () => {
    expect(() => assertFen(0.5)).toThrow(RangeError);
    expect(() => assertFen(MAX_FEN + 1)).toThrow(RangeError);
    expect(() => mulBp(MAX_FEN, 20_000)).toThrow(RangeError);
    expect(assertFen(-MAX_FEN)).toBe(-MAX_FEN);
  });

  it('turns literal yuan into fen without float residue', () => {
    expect(yuan(0.07)).toBe(7);
    expect(yuan(1_234.56)).toBe(123_456);
  });

  it('shows coefficients as multipliers', () => {
    expect([12_000, 11_500, 9_500, 10_000].map(formatCoefficient)).toEqual(['×1.2', '×1.15', '×0.95', '×1']);
  });
});
