import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BasemapCollection, CityCollection, RegionCollection } from '$realtime/contract';
import { CHINA_BOUNDS, chinaBounds } from './features';
import { buildStyle, statusColorExpression, TECH_LAYER, TECH_SOURCE } from './style';
import { chooseLabels, estimateTextWidth, type LabelLayout } from './labels';
import { createThrottle } from './throttle';
import { parseInitialView } from './view';

const empty = { type: 'FeatureCollection', features: [] } as const;
const regions: RegionCollection = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { id: 'east', name: '华东', nameEn: 'East' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [115, 24],
            [123, 24],
            [123, 38],
            [115, 38],
            [115, 24]
          ]
        ]
      }
    }
  ]
};
const cities: CityCollection = { ...empty, features: [] };
const basemap: BasemapCollection = { ...empty, features: [] };

describe('chinaBounds', () => {
  it('fits the service regions when there are any', () => {
    expect(chinaBounds(regions, basemap)).toEqual([115, 24, 123, 38]);
  });

  it('falls back to a fixed box of China without data', () => {
    expect(chinaBounds({ ...empty, features: [] }, basemap)).toEqual(CHINA_BOUNDS);
  });
});

describe('parseInitialView', () => {
  it('reads center and zoom from the URL', () => {
    expect(parseInitialView(new URLSearchParams('center=121.47,31.23&zoom=9'))).toEqual({
      center: [121.47, 31.23],
      zoom: 9
    });
  });

  it('fits China when the parameters are missing or malformed', () => {
    expect(parseInitialView(new URLSearchParams(''))).toEqual({ center: null, zoom: null });
    expect(parseInitialView(new URLSearchParams('center=abc&zoom=99'))).toEqual({ center: null, zoom: null });
    expect(parseInitialView(new URLSearchParams('center=200,31'))).toEqual({ center: null, zoom: null });
  });
});

describe('buildStyle', () => {
  it('builds a version 8 style that fetches nothing: no glyphs, no sprite, no URL', () => {
    const style = buildStyle({ regions, cities, basemap, tileUrl: null });
    expect(style.version).toBe(8);
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    expect(JSON.stringify(style)).not.toMatch(/https?:|\/\//);
    expect(style.layers.some((l) => l.type === 'symbol')).toBe(false);
  });

  it('draws technicians from one GeoJSON source as one circle layer coloured by status', () => {
    const style = buildStyle({ regions, cities, basemap, tileUrl: null });
    const techLayers = style.layers.filter((l) => 'source' in l && l.source === TECH_SOURCE);
    expect(techLayers).toHaveLength(1);
    expect(techLayers[0]).toMatchObject({ id: TECH_LAYER, type: 'circle' });
    expect(style.sources[TECH_SOURCE]).toMatchObject({ type: 'geojson' });
    expect(statusColorExpression().slice(0, 2)).toEqual(['match', ['get', 'status']]);
  });

  it('puts the operator tile layer under the vector layers when a tile URL is set', () => {
    const tileUrl = 'http://127.0.0.1:8080/{z}/{x}/{y}.png';
    const style = buildStyle({ regions, cities, basemap, tileUrl });
    expect(style.sources.tiles).toEqual({ type: 'raster', tiles: [tileUrl], tileSize: 256, maxzoom: 18 });
    const ids = style.layers.map((l) => l.id);
    expect(ids.indexOf('tiles')).toBe(1);
    expect(ids.indexOf('tiles')).toBeLessThan(ids.indexOf('regions-fill'));
  });
});

describe('createThrottle', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs at most once per interval however many updates are requested', () => {
    const fn = vi.fn();
    const throttle = createThrottle(fn, 250);
    throttle.request();
    vi.advanceTimersByTime(0);
    expect(fn).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 50; i++) {
      throttle.request();
      vi.advanceTimersByTime(10);
    }
    // 500 ms of requests after the first run: two more runs at 250 ms and 500 ms
    expect(fn).toHaveBeenCalledTimes(3);
  });

  it('waits for a slow asynchronous run to finish before starting the next one', async () => {
    let finish: () => void = () => {};
    const fn = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const throttle = createThrottle(fn, 100);
    throttle.request();
    vi.advanceTimersByTime(0);
    expect(fn).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 10; i++) {
      throttle.request();
      vi.advanceTimersByTime(100);
    }
    expect(fn).toHaveBeenCalledTimes(1);
    finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('runs nothing after it is cancelled', () => {
    const fn = vi.fn();
    const throttle = createThrottle(fn, 250);
    throttle.request();
    throttle.cancel();
    vi.advanceTimersByTime(1000);
    expect(fn).not.toHaveBeenCalled();
  });
});

describe('chooseLabels', () => {
  // 1 degree = 10 px, origin at lng 100, lat 45 (y grows southwards)
  const project = ([lng, lat]: [number, number]) => ({ x: (lng - 100) * 10, y: (45 - lat) * 10 });
  const layout: LabelLayout = {
    viewport: { width: 400, height: 300 },
    fontSize: 20,
    lineHeight: 30,
    offset: 10,
    padding: 4,
    max: 10
  };
  const city = (id: string, lng: number, lat: number, population: number) => ({
    id,
    text: id,
    lng,
    lat,
    population
  });

  it('labels the bigger of two cities whose labels would overlap', () => {
    const chosen = chooseLabels(
      [city('tianjin', 117.2, 39.13, 11), city('beijing', 116.4, 39.9, 19)],
      project,
      layout
    );
    expect(chosen.map((c) => c.id)).toEqual(['beijing']);
  });

  it('labels cities far enough apart, biggest first, up to the maximum', () => {
    const cities = [city('a', 105, 38, 1), city('b', 105, 30, 2), city('c', 105, 22, 3)];
    expect(chooseLabels(cities, project, layout).map((c) => c.id)).toEqual(['c', 'b', 'a']);
    expect(chooseLabels(cities, project, { ...layout, max: 2 }).map((c) => c.id)).toEqual(['c', 'b']);
  });

  it('skips cities outside the view and labels that would be cut at the edge', () => {
    expect(chooseLabels([city('far', 160, 30, 99)], project, layout)).toEqual([]);
    expect(chooseLabels([city('bottom', 105, 16, 99)], project, layout)).toEqual([]);
  });

  it('estimates Chinese labels wider than Latin ones of the same length', () => {
    expect(estimateTextWidth('北京', 20)).toBeGreaterThan(estimateTextWidth('Bj', 20));
  });
});
