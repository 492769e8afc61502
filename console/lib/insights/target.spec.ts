import { describe, expect, it } from 'vitest';
import { crumbsOf, heatmapQuery, landingTarget, parseTarget, targetQuery } from './target';

const params = (s: string) => new URLSearchParams(s);

describe('the insights URL', () => {
  it('reads the level and layer, and writes them back the same way', () => {
    const t = parseTarget(params('layer=sla_risk&region=east&city=shanghai'));
    expect(t).toEqual({ layer: 'sla_risk', regionId: 'east', cityId: 'shanghai' });
    expect(targetQuery(t)).toBe('layer=sla_risk&region=east&city=shanghai');
    expect(heatmapQuery(t)).toBe('layer=sla_risk&regionId=east&cityId=shanghai');
  });

  it('falls back to demand at the nation, and ignores a city without its region', () => {
    expect(parseTarget(params('layer=nonsense&city=shanghai'))).toEqual({
      layer: 'demand',
      regionId: null,
      cityId: null
    });
    expect(targetQuery({ layer: 'demand', regionId: null, cityId: null })).toBe('');
  });

  it('leads each breadcrumb back to its level with the same layer', () => {
    const crumbs = crumbsOf({ layer: 'demand', regionId: 'east', cityId: 'shanghai' });
    expect(crumbs.map((c) => c.level)).toEqual(['nation', 'region', 'city']);
    expect(crumbs[0]?.target).toEqual({ layer: 'demand', regionId: null, cityId: null });
    expect(crumbs[1]?.target).toEqual({ layer: 'demand', regionId: 'east', cityId: null });
  });

  it('starts a one-region manager or dispatcher in their region, everyone else where the link says', () => {
    const nation = { layer: 'demand' as const, regionId: null, cityId: null };
    expect(landingTarget(nation, { role: 'regional_manager', regionIds: ['east'] }).regionId).toBe('east');
    expect(landingTarget(nation, { role: 'dispatcher', regionIds: ['east'] }).regionId).toBe('east');
    expect(landingTarget(nation, { role: 'executive', regionIds: [] }).regionId).toBeNull();
    const city = { ...nation, regionId: 'east', cityId: 'shanghai' };
    expect(landingTarget(city, { role: 'regional_manager', regionIds: ['east'] })).toEqual(city);
  });
});
