import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_EVERY_SECONDS, MAX_EVERY_SECONDS, MIN_EVERY_SECONDS, parseRotation } from './rotation';

const KNOWN = ['map', 'sla', 'heatmap'] as const;
const parse = (query: string) => parseRotation(new URLSearchParams(query), KNOWN);

describe('parseRotation', () => {
  it('leaves the wall interactive without rotate', () => {
    expect(parse('center=121,31&zoom=9')).toBeNull();
  });

  it('reads the panels in the order given and the seconds', () => {
    expect(parse('rotate=heatmap,map&every=12')).toEqual({
      panels: ['heatmap', 'map'],
      everySeconds: 12,
      problems: []
    });
  });

  it('rotates through every panel every 30 s when only rotate is given', () => {
    expect(parse('rotate=')).toEqual({ panels: [...KNOWN], everySeconds: 30, problems: ['panels'] });
    expect(parse('rotate=map,sla,heatmap')).toEqual({ panels: [...KNOWN], everySeconds: 30, problems: [] });
  });

  it('drops unknown names and shows a repeated one once, saying what it dropped', () => {
    expect(parse('rotate=map,profits,map, sla')).toEqual({
      panels: ['map', 'sla'],
      everySeconds: 30,
      problems: ['panels']
    });
  });

  it('falls back to the default interval for unusable values and says so', () => {
    for (const every of ['', 'abc', '0', '-5', '2', '99999', 'Infinity', '1e9'])
      expect(parse(`rotate=map&every=${every}`)?.everySeconds, every).toBe(DEFAULT_EVERY_SECONDS);
    expect(parse('rotate=map&every=abc')?.problems).toEqual(['every']);
  });

  it('never answers an empty rotation or an interval outside the bounds', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (rotate, every) => {
        const plan = parseRotation(new URLSearchParams({ rotate, every }), KNOWN);
        expect(plan).not.toBeNull();
        expect(plan?.panels.length).toBeGreaterThan(0);
        expect(plan?.everySeconds).toBeGreaterThanOrEqual(MIN_EVERY_SECONDS);
        expect(plan?.everySeconds).toBeLessThanOrEqual(MAX_EVERY_SECONDS);
        expect(plan?.panels.every((p) => (KNOWN as readonly string[]).includes(p))).toBe(true);
      })
    );
  });
});
