import { describe, expect, it } from 'vitest';
import { CITIES, REGIONS } from '../../../geo/cities';

describe('the city list', () => {
  it('holds at least 64 cities with unique lowercase-pinyin ids and unique positions', () => {
    expect(CITIES.length).toBeGreaterThanOrEqual(64);
    expect(new Set(CITIES.map((c) => c.id)).size).toBe(CITIES.length);
    expect(new Set(CITIES.map((c) => `${c.lng},${c.lat}`)).size).toBe(CITIES.length);
    for (const c of CITIES) expect(c.id).toMatch(/^[a-z]+$/);
  });

  it('keeps every city within mainland China with a known region, a tier and a population', () => {
    const regionIds = new Set(REGIONS.map((r) => r.id));
    for (const c of CITIES) {
      expect(regionIds.has(c.regionId), c.id).toBe(true);
      expect(c.lng, c.id).toBeGreaterThan(73);
      expect(c.lng, c.id).toBeLessThan(135);
      expect(c.lat, c.id).toBeGreaterThan(18);
      expect(c.lat, c.id).toBeLessThan(54);
      expect([1, 2, 3]).toContain(c.tier);
      expect(c.population, c.id).toBeGreaterThan(0);
      expect(c.population, c.id).toBeLessThan(30);
    }
  });

  it('has cities in every one of the seven regions, and exactly four tier-1 cities', () => {
    expect(REGIONS.map((r) => r.id)).toEqual([
      'north',
      'northeast',
      'east',
      'central',
      'south',
      'southwest',
      'northwest'
    ]);
    for (const r of REGIONS)
      expect(
        CITIES.some((c) => c.regionId === r.id),
        r.id
      ).toBe(true);
    expect(
      CITIES.filter((c) => c.tier === 1)
        .map((c) => c.id)
        .sort()
    ).toEqual(['beijing', 'guangzhou', 'shanghai', 'shenzhen']);
  });
});
