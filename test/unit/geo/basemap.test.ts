import { bbox, booleanPointInPolygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { BASEMAP_FRAME, basemap, chinaOutline } from '../../../geo/basemap';

describe('the basemap', () => {
  it('outlines China as one MultiPolygon with the mainland and Hainan, but not Taiwan, Hong Kong or Macao', () => {
    const outline = chinaOutline();
    expect(outline.geometry.type).toBe('MultiPolygon');
    expect(booleanPointInPolygon([116.41, 39.9], outline)).toBe(true); // Beijing
    expect(booleanPointInPolygon([110.33, 20.03], outline)).toBe(true); // Haikou, Hainan
    expect(booleanPointInPolygon([121.56, 25.04], outline)).toBe(false); // Taipei
    expect(booleanPointInPolygon([114.17, 22.32], outline)).toBe(false); // Hong Kong
    expect(booleanPointInPolygon([113.55, 22.19], outline)).toBe(false); // Macao
  });

  it('has China as its only focus feature, with the neighbours clipped to the frame', () => {
    const { features } = basemap();
    expect(features.filter((f) => f.properties.focus).map((f) => f.properties.name)).toEqual(['China']);
    const names = features.map((f) => f.properties.name);
    for (const n of ['Mongolia', 'Russia', 'India', 'Vietnam', 'Taiwan', 'Hong Kong', 'Kazakhstan'])
      expect(names).toContain(n);
    const [w, s, e, n] = BASEMAP_FRAME;
    for (const f of features.filter((x) => !x.properties.focus)) {
      const [fw, fs, fe, fn] = bbox(f);
      expect(fw >= w && fs >= s && fe <= e && fn <= n, f.properties.name).toBe(true);
    }
  });

  it('computes each result once and hands back the same object afterwards', () => {
    expect(chinaOutline()).toBe(chinaOutline());
    expect(basemap()).toBe(basemap());
  });
});
