import { describe, expect, it } from 'vitest';
import { checkRegionalChange, DEFAULT_REGIONAL_BOUNDS } from '../../../../dispatcher/pricing/bounds';
import { DEMO_PRICE_TABLE } from '../../../../dispatcher/pricing/demo-table';

const north = DEMO_PRICE_TABLE.regional.north; // 1.2 / 1.1 / 1.0

describe("headquarters' bounds on regional coefficients", () => {
  it('lets a manager move a coefficient by up to one step within the tier range', () => {
    expect(checkRegionalChange(DEFAULT_REGIONAL_BOUNDS, 'north', north, { ...north, tier1: 13_000 })).toEqual(
      {
        type: 'within-bounds'
      }
    );
    expect(checkRegionalChange(DEFAULT_REGIONAL_BOUNDS, 'north', north, north)).toEqual({
      type: 'within-bounds'
    });
  });

  it('sends a change beyond the range or the step to approval, naming each field and what is allowed', () => {
    const change = { tier1: 13_500, tier2: 11_000, tier3: 8_900 };
    expect(checkRegionalChange(DEFAULT_REGIONAL_BOUNDS, 'north', north, change)).toEqual({
      type: 'needs-approval',
      breaches: [
        { path: 'regional.north.tier1', value: 13_500, min: 11_000, max: 13_000 },
        { path: 'regional.north.tier3', value: 8_900, min: 9_000, max: 11_000 }
      ]
    });
  });

  it('does not hold back an untouched coefficient that headquarters has since put out of bounds', () => {
    const tight = {
      ...DEFAULT_REGIONAL_BOUNDS,
      byTier: { ...DEFAULT_REGIONAL_BOUNDS.byTier, tier1: { min: 10_000, max: 11_000 } }
    };
    expect(checkRegionalChange(tight, 'north', north, { ...north, tier2: 11_500 })).toEqual({
      type: 'within-bounds'
    });
  });
});
