import { describe, expect, it } from 'vitest';
import { yuan } from '../../../../dispatcher/pricing/money';
import { allocate } from '../../../../dispatcher/settlement/allocate';
import { DEMO_SETTLEMENT_TERMS } from '../../../../dispatcher/settlement/demo-terms';
import { platformNumerator, splitLabour, type SplitPolicy } from '../../../../dispatcher/settlement/split';
import { splitPolicyFor } from '../../../../dispatcher/settlement/terms';

const standard = DEMO_SETTLEMENT_TERMS.default;

describe('splitting the labour', () => {
  it('shares an order below the first tier by the plain ratios', () => {
    expect(splitLabour(yuan(360), standard)).toEqual({ platform: 7_200, partner: 3_600, technician: 25_200 });
  });

  it('takes the lower platform rate only on the part above each threshold', () => {
    // 600元: 20 % of the first 500元 and 18 % of the next 100元 = 118元; the rest 7 : 1.
    expect(platformNumerator(yuan(600), standard)).toBe(11_800 * 10_000);
    expect(splitLabour(yuan(600), standard)).toEqual({
      platform: 11_800,
      partner: 6_025,
      technician: 42_175
    });
    // 2,500元: 100 + 90 + 150 + 60 = 400元.
    expect(splitLabour(yuan(2_500), standard).platform).toBe(yuan(400));
  });

  it('never pays the technician less for one more fen across a threshold', () => {
    const at = (fen: number) => splitLabour(fen, standard).technician;
    for (const threshold of standard.platformTiers.map((t) => t.from))
      for (let fen = threshold - 50; fen < threshold + 50; fen++)
        expect(at(fen + 1)).toBeGreaterThanOrEqual(at(fen));
  });

  it('avoids the Alabama paradox that one three-way round would show', () => {
    const small: SplitPolicy = {
      ratios: { platform: 6_500, partner: 3_000, technician: 500 },
      platformTiers: []
    };
    const threeWay = (fen: number) => allocate(fen, [fen * 500, fen * 3_000, fen * 6_500], 10_000)[0];
    expect([threeWay(8), threeWay(9)]).toEqual([1, 0]);
    expect([splitLabour(8, small).technician, splitLabour(9, small).technician]).toEqual([0, 0]);
    for (let fen = 0; fen < 2_000; fen++)
      expect(splitLabour(fen + 1, small).technician).toBeGreaterThanOrEqual(
        splitLabour(fen, small).technician
      );
  });

  it("uses a partner's own policy, else its region's, else the default", () => {
    const partnerPolicy: SplitPolicy = {
      ratios: { platform: 1_000, partner: 3_000, technician: 6_000 },
      platformTiers: []
    };
    const terms = { ...DEMO_SETTLEMENT_TERMS, byPartner: { 'p-1': partnerPolicy } };
    expect(splitPolicyFor(terms, 'north', 'p-1')).toBe(partnerPolicy);
    expect(splitPolicyFor(terms, 'northwest', 'p-2')).toBe(terms.byRegion.northwest);
    expect(splitPolicyFor(terms, 'north', null)).toBe(terms.default);
  });
});
