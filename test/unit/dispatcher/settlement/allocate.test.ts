import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate } from '../../../../dispatcher/settlement/allocate';

describe('largest-remainder allocation', () => {
  it('gives the odd fen to the largest remainders, and a tie to the earlier part', () => {
    expect(allocate(100, [100 * 1, 100 * 1, 100 * 1], 3)).toEqual([34, 33, 33]);
    expect(allocate(10, [10 * 7_000, 10 * 2_000, 10 * 1_000], 10_000)).toEqual([7, 2, 1]);
    expect(allocate(1, [5_000, 5_000], 10_000)).toEqual([1, 0]);
    expect(allocate(5, [5 * 3_333, 5 * 3_333, 5 * 3_334], 10_000)).toEqual([2, 1, 2]);
  });

  it('refuses numerators that do not add up to the total', () => {
    expect(() => allocate(10, [1, 2], 1)).toThrow(RangeError);
    expect(() => allocate(10, [-1, 11], 1)).toThrow(RangeError);
  });

  it('sums exactly and keeps every part within one fen of its exact value', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc
          .array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 6 })
          .filter((w) => w.some((x) => x > 0)),
        (total, weights) => {
          const sum = weights.reduce((s, w) => s + w, 0);
          const parts = allocate(
            total,
            weights.map((w) => total * w),
            sum
          );
          expect(parts.reduce((s, p) => s + p, 0)).toBe(total);
          parts.forEach((p, i) => expect(Math.abs(p * sum - total * (weights[i] ?? 0))).toBeLessThan(sum));
        }
      ),
      { numRuns: 2_000 }
    );
  });
});
