import { describe, expect, it } from 'vitest';
import { DEMO_PRICE_TABLE } from '../../../../dispatcher/pricing/demo-table';
import { quote, type Quote } from '../../../../dispatcher/pricing/quote';
import type { QuoteFacts } from '../../../../dispatcher/pricing/rules';
import { facts } from './facts';

function quoted(f: QuoteFacts): Quote {
  const result = quote(DEMO_PRICE_TABLE, f);
  if (result.type !== 'quoted') throw new Error(`not quoted: ${result.type}`);
  return result.quote;
}

describe("the seed's four examples", () => {
  it.each([
    ['ac_install', 20_000, 20_000],
    ['ac_install_high', 30_000, 36_000],
    ['equipment_commissioning', 40_000, 60_000],
    ['urgent_add_on', 35_000, 45_500]
  ])('prices %s at its base fee times its difficulty', (itemId, base, total) => {
    const q = quoted(facts({ itemId }));
    expect(q.total).toBe(total);
    expect(q.labour).toBe(total);
    expect(q.lines[0]).toMatchObject({ key: 'base', basis: base, factor: 10_000, amount: base });
  });

  it('explains 300 × 1.2 as the base fee and a 20 % difficulty surcharge on it', () => {
    expect(quoted(facts({ itemId: 'ac_install_high' })).lines).toEqual([
      {
        key: 'base',
        label: '空调安装（三楼及以上） 基础服务费',
        basis: 30_000,
        factor: 10_000,
        amount: 30_000
      },
      { key: 'difficulty', label: '难度系数 ×1.2', basis: 30_000, factor: 2_000, amount: 6_000 }
    ]);
  });
});

describe('a quote with every coefficient', () => {
  // Beijing (north, tier 1) on a January night, high priority, a technician from the east, one part.
  const everything = facts({
    itemId: 'ac_install_high',
    cityTier: 1,
    serviceAt: Date.parse('2026-01-14T21:30:00+08:00'),
    priority: 'high',
    technicianRegionId: 'east',
    parts: [{ sku: '空调-7A', name: '铜管', quantity: 2, unitCost: 4_550, supplier: 'technician' }]
  });

  it('compounds each coefficient on the labour before it, rounding each line half up to the fen', () => {
    const q = quoted(everything);
    expect(q.lines.map((l) => [l.key, l.basis, l.factor, l.amount])).toEqual([
      ['base', 30_000, 10_000, 30_000],
      ['difficulty', 30_000, 2_000, 6_000],
      ['regional', 36_000, 2_000, 7_200],
      ['season', 43_200, 1_000, 4_320],
      ['urgency', 47_520, 1_000, 4_752],
      ['after_hours', 52_272, 2_000, 10_454], // 10,454.4
      ['cross_region', 62_726, 1_500, 9_409], // 9,408.9
      ['parts', 4_550, 20_000, 9_100]
    ]);
    expect(q).toMatchObject({ labour: 72_135, parts: 9_100, total: 81_235, tableVersion: 1 });
    expect(q.lines.reduce((s, l) => s + l.amount, 0)).toBe(q.total);
  });

  it('labels each line in Chinese with what it applied', () => {
    expect(quoted(everything).lines.map((l) => l.label)).toEqual([
      '空调安装（三楼及以上） 基础服务费',
      '难度系数 ×1.2',
      '区域系数 华北·一线城市 ×1.2',
      '季节 北方冬季（采暖季） ×1.1',
      '紧急程度 加急 ×1.1',
      '非工作时间 ×1.2',
      '跨区域服务补贴（华东→华北） ×1.15',
      '配件 铜管（空调-7A）×2'
    ]);
  });
});

describe('when each rule applies', () => {
  const keys = (f: QuoteFacts) => quoted(f).lines.map((l) => l.key);

  it('adds 15 % above 3,000 m, not at 3,000 m or when the altitude is unknown', () => {
    expect(keys(facts({ altitudeM: 3_001 }))).toContain('altitude');
    expect(keys(facts({ altitudeM: 3_000 }))).not.toContain('altitude');
    expect(keys(facts({ altitudeM: null }))).not.toContain('altitude');
    expect(quoted(facts({ altitudeM: 3_650 })).total).toBe(23_000);
  });

  it('counts a season by the Beijing date, inclusive at both ends, across New Year', () => {
    const north = (iso: string) => keys(facts({ serviceAt: Date.parse(iso) }));
    expect(north('2026-11-15T00:00:00+08:00')).toContain('season');
    expect(north('2026-11-14T23:59:59+08:00')).not.toContain('season');
    expect(north('2027-03-15T23:59:59+08:00')).toContain('season');
    expect(north('2027-03-16T00:00:00+08:00')).not.toContain('season');
    // 16:00 UTC on 14 November is already the 15th in Beijing.
    expect(north('2026-11-14T16:00:00Z')).toContain('season');
  });

  it('applies the rainy season only in its southern regions', () => {
    const july = Date.parse('2026-07-01T10:00:00+08:00');
    expect(keys(facts({ regionId: 'south', technicianRegionId: 'south', serviceAt: july }))).toContain(
      'season'
    );
    expect(keys(facts({ regionId: 'east', technicianRegionId: 'east', serviceAt: july }))).not.toContain(
      'season'
    );
  });

  it('charges after hours from 20:00 to 08:00 in Beijing time', () => {
    const at = (hhmm: string) => keys(facts({ serviceAt: Date.parse(`2026-06-10T${hhmm}:00+08:00`) }));
    expect(at('19:59')).not.toContain('after_hours');
    expect(at('20:00')).toContain('after_hours');
    expect(at('07:59')).toContain('after_hours');
    expect(at('08:00')).not.toContain('after_hours');
  });

  it('pays the cross-region subsidy only once someone from another region is assigned', () => {
    expect(keys(facts({ technicianRegionId: null }))).not.toContain('cross_region');
    expect(keys(facts({ technicianRegionId: 'north' }))).not.toContain('cross_region');
    expect(quoted(facts({ technicianRegionId: 'central' })).total).toBe(23_000);
  });

  it('shows a coefficient below ×1 as a negative line', () => {
    const q = quoted(facts({ regionId: 'central', technicianRegionId: 'central' }));
    expect(q.lines[1]).toMatchObject({ key: 'regional', basis: 20_000, factor: -500, amount: -1_000 });
    expect(q.total).toBe(19_000);
  });

  it('refuses an item the table does not have', () => {
    expect(quote(DEMO_PRICE_TABLE, facts({ itemId: 'teleport' }))).toEqual({
      type: 'unknown-item',
      itemId: 'teleport'
    });
  });
});
