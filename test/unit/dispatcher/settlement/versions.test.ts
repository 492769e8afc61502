import { describe, expect, it } from 'vitest';
import { overlappingVersions, versionInForce, type Effective } from '../../../../dispatcher/pricing/versions';

const JAN = Date.parse('2026-01-01T00:00:00+08:00');
const JUL = Date.parse('2026-07-01T00:00:00+08:00');
const v = (version: number, effectiveFrom: number, effectiveTo: number | null): Effective => ({
  version,
  effectiveFrom,
  effectiveTo
});

describe('versions with effective dates', () => {
  const versions = [v(2, JUL, null), v(1, JAN, JUL)];

  it('picks the version in force, the next one from the very instant the previous ends', () => {
    expect(versionInForce(versions, JAN)?.version).toBe(1);
    expect(versionInForce(versions, JUL - 1)?.version).toBe(1);
    expect(versionInForce(versions, JUL)?.version).toBe(2);
    expect(versionInForce(versions, JUL + 10 ** 12)?.version).toBe(2);
    expect(versionInForce(versions, JAN - 1)).toBeNull();
  });

  it('finds periods that share an instant, and lets touching ones be', () => {
    expect(overlappingVersions(versions)).toEqual([]);
    expect(overlappingVersions([v(1, JAN, JUL + 1), v(2, JUL, null), v(3, JAN - 5, JAN)])).toEqual([[0, 1]]);
    expect(overlappingVersions([v(1, JAN, null), v(2, JUL, null)])).toEqual([[0, 1]]);
  });

  it('answers the highest of overlapping versions whatever their order', () => {
    const overlapping = [v(1, JAN, null), v(2, JUL, null)];
    expect(versionInForce(overlapping, JUL)?.version).toBe(2);
    expect(versionInForce([...overlapping].reverse(), JUL)?.version).toBe(2);
  });
});
