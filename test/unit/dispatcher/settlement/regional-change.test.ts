import { describe, expect, it } from 'vitest';
import { DEMO_PRICE_TABLE } from '../../../../dispatcher/pricing/demo-table';
import { succeed, withRegionalChange } from '../../../../dispatcher/pricing/regional-change';
import { versionInForce } from '../../../../dispatcher/pricing/versions';

const JUL = Date.parse('2026-07-01T00:00:00+08:00');
const EAST = { tier1: 12_500, tier2: 11_000, tier3: 10_000 };

describe("a regional manager's change as a new version", () => {
  it('changes only the region it names', () => {
    const changed = withRegionalChange(DEMO_PRICE_TABLE, { regionId: 'east', coefficients: EAST });
    expect(changed.regional.east).toEqual(EAST);
    expect(changed.regional.north).toEqual(DEMO_PRICE_TABLE.regional.north);
    expect(DEMO_PRICE_TABLE.regional.east.tier1).toBe(12_000);
  });

  it('ends the version it was made on when it begins, so one version is in force at every instant', () => {
    const result = succeed(DEMO_PRICE_TABLE, { regionId: 'east', coefficients: EAST, effectiveFrom: JUL });
    if (result.type !== 'succeeds') throw new Error(result.type);
    expect(result.next).toMatchObject({ version: 2, effectiveFrom: JUL, effectiveTo: null });
    expect(result.ended).toMatchObject({ version: 1, effectiveTo: JUL });
    expect(versionInForce([result.ended, result.next], JUL - 1)?.version).toBe(1);
    expect(versionInForce([result.ended, result.next], JUL)?.version).toBe(2);
  });

  it('refuses to begin at or before the start of the version it follows, or before its end', () => {
    const at = (effectiveFrom: number) =>
      succeed(DEMO_PRICE_TABLE, { regionId: 'east', coefficients: EAST, effectiveFrom });
    expect(at(DEMO_PRICE_TABLE.effectiveFrom)).toEqual({ type: 'overlaps', version: 1 });
    const ended = { ...DEMO_PRICE_TABLE, effectiveTo: JUL };
    expect(succeed(ended, { regionId: 'east', coefficients: EAST, effectiveFrom: JUL - 1 })).toEqual({
      type: 'overlaps',
      version: 1
    });
    expect(succeed(ended, { regionId: 'east', coefficients: EAST, effectiveFrom: JUL + 1 }).type).toBe(
      'succeeds'
    );
  });
});
