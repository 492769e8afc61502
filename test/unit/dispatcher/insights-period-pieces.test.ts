import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketStart, periodPieces, type Grain } from '../../../dispatcher/insights/period-pieces';

const instant = fc.date({
  min: new Date('2024-01-01T00:00:00Z'),
  max: new Date('2027-12-31T00:00:00Z'),
  noInvalidDate: true
});
/** Ragged instants, and whole hours, days and months, which the pieces must not split further. */
const edge = fc.oneof(
  instant,
  instant.map((d) => bucketStart('hour', d)),
  instant.map((d) => bucketStart('day', d, 480)),
  instant.map((d) => bucketStart('month', d))
);
const offset = fc.constantFrom(0, 480, -300, 330);

describe('periodPieces', () => {
  it('covers the period exactly with disjoint pieces, each whole buckets of its grain', () => {
    fc.assert(
      fc.property(edge, edge, offset, (a, b, offsetMinutes) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const pieces = periodPieces(from, to, { offsetMinutes });
        const all = [...pieces.month, ...pieces.day, ...pieces.hour, ...pieces.raw].sort(
          (x, y) => x.from.getTime() - y.from.getTime()
        );
        let at = from.getTime();
        for (const r of all) {
          expect(r.from.getTime()).toBe(at);
          expect(r.to.getTime()).toBeGreaterThan(r.from.getTime());
          at = r.to.getTime();
        }
        expect(at).toBe(from < to ? to.getTime() : from.getTime());
        for (const grain of ['month', 'day', 'hour'] as Grain[]) {
          expect(pieces[grain].length).toBeLessThanOrEqual(grain === 'month' ? 1 : 2);
          for (const r of pieces[grain]) {
            expect(bucketStart(grain, r.from, offsetMinutes)).toEqual(r.from);
            expect(bucketStart(grain, r.to, offsetMinutes)).toEqual(r.to);
          }
        }
        expect(pieces.raw.length).toBeLessThanOrEqual(2);
        for (const r of pieces.raw) expect(r.to.getTime() - r.from.getTime()).toBeLessThan(3_600_000);
      })
    );
  });

  it('answers a year with months, the days and hours at its ends, and two slivers', () => {
    const from = new Date('2025-11-23T13:47:13.250Z');
    const to = new Date('2026-11-23T13:47:13.250Z');
    const p = periodPieces(from, to);
    expect(p.month).toEqual([
      { from: new Date('2025-12-01T00:00:00Z'), to: new Date('2026-11-01T00:00:00Z') }
    ]);
    expect(p.day).toEqual([
      { from: new Date('2025-11-24T00:00:00Z'), to: new Date('2025-12-01T00:00:00Z') },
      { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-11-23T00:00:00Z') }
    ]);
    expect(p.hour).toEqual([
      { from: new Date('2025-11-23T14:00:00Z'), to: new Date('2025-11-24T00:00:00Z') },
      { from: new Date('2026-11-23T00:00:00Z'), to: new Date('2026-11-23T13:00:00Z') }
    ]);
    expect(p.raw).toEqual([
      { from, to: new Date('2025-11-23T14:00:00Z') },
      { from: new Date('2026-11-23T13:00:00Z'), to }
    ]);
  });

  it('cuts Beijing days and months at Beijing midnight, and only the grains asked for', () => {
    const from = new Date('2026-10-31T16:00:00Z');
    const to = new Date('2026-12-03T05:00:00Z');
    const p = periodPieces(from, to, { offsetMinutes: 480, grains: ['month', 'day'] });
    expect(p.month).toEqual([{ from, to: new Date('2026-11-30T16:00:00Z') }]);
    expect(p.day).toEqual([{ from: new Date('2026-11-30T16:00:00Z'), to: new Date('2026-12-02T16:00:00Z') }]);
    expect(p.hour).toEqual([]);
    expect(p.raw).toEqual([{ from: new Date('2026-12-02T16:00:00Z'), to }]);
  });
});
