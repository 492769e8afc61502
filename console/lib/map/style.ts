// The map style, built in code from bundled data only: no style URL, no glyphs, no sprite, so nothing
// is fetched from another host. The only optional network source is the operator's raster tile URL.
import type {
  ExpressionSpecification,
  LayerSpecification,
  SourceSpecification,
  StyleSpecification
} from 'maplibre-gl';
import type { BasemapCollection, CityCollection, RegionCollection } from '$realtime/contract';
import { STATUS_COLORS, TECH_STATUSES } from '$lib/wall/status';
import { FOCUS_LAYERS, FOCUS_SOURCE, focusSource } from './focus';

export const TECH_SOURCE = 'techs';
export const TECH_LAYER = 'techs';

export interface StyleInput {
  regions: RegionCollection;
  cities: CityCollection;
  basemap: BasemapCollection;
  tileUrl: string | null;
}

export const MAP_COLORS = {
  background: '#040914',
  land: '#0b1424',
  focusLand: '#0f1d36',
  border: '#22304a',
  focusBorder: '#4a6fa5',
  regionLine: '#7dd3fc',
  city: '#e2e8f0',
  dotStroke: '#020617'
} as const;

/** Subtle per-region tints so neighbouring regions can be told apart; bright borders do the rest. */
const REGION_TINTS: Record<string, string> = {
  north: '#60a5fa',
  northeast: '#a78bfa',
  east: '#22d3ee',
  central: '#f472b6',
  south: '#4ade80',
  southwest: '#facc15',
  northwest: '#fb923c'
};

/** Data-driven colour: one `match` on the status property. */
export function statusColorExpression(): ExpressionSpecification {
  const pairs = TECH_STATUSES.flatMap((s) => [s, STATUS_COLORS[s]]);
  return ['match', ['get', 'status'], ...pairs, STATUS_COLORS.offline] as unknown as ExpressionSpecification;
}

export function buildStyle({ regions, cities, basemap, tileUrl }: StyleInput): StyleSpecification {
  const sources: Record<string, SourceSpecification> = {
    basemap: { type: 'geojson', data: basemap },
    regions: { type: 'geojson', data: regions },
    cities: { type: 'geojson', data: cities },
    // keyed by technician id, so that updates send only the dots that changed (`updateData`)
    [TECH_SOURCE]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, promoteId: 'id' },
    [FOCUS_SOURCE]: focusSource()
  };
  const layers: LayerSpecification[] = [
    { id: 'background', type: 'background', paint: { 'background-color': MAP_COLORS.background } }
  ];

  if (tileUrl) {
    sources.tiles = { type: 'raster', tiles: [tileUrl], tileSize: 256, maxzoom: 18 };
    layers.push({
      id: 'tiles',
      type: 'raster',
      source: 'tiles',
      // keep an operator's light basemap dark enough for the wall
      paint: { 'raster-opacity': 0.6, 'raster-saturation': -0.7, 'raster-brightness-max': 0.45 }
    });
  }

  const regionTint = [
    'match',
    ['get', 'id'],
    ...Object.entries(REGION_TINTS).flat(),
    '#60a5fa'
  ] as unknown as ExpressionSpecification;

  layers.push(
    {
      id: 'basemap-fill',
      type: 'fill',
      source: 'basemap',
      paint: {
        'fill-color': ['case', ['==', ['get', 'focus'], true], MAP_COLORS.focusLand, MAP_COLORS.land],
        // with raster tiles underneath, the land fill would hide them: keep only the outlines
        'fill-opacity': tileUrl ? 0 : 1
      }
    },
    {
      id: 'basemap-line',
      type: 'line',
      source: 'basemap',
      paint: {
        'line-color': ['case', ['==', ['get', 'focus'], true], MAP_COLORS.focusBorder, MAP_COLORS.border],
        'line-width': ['case', ['==', ['get', 'focus'], true], 1.5, 0.8]
      }
    },
    {
      id: 'regions-fill',
      type: 'fill',
      source: 'regions',
      paint: { 'fill-color': regionTint, 'fill-opacity': 0.1 }
    },
    {
      id: 'regions-line',
      type: 'line',
      source: 'regions',
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': MAP_COLORS.regionLine,
        'line-opacity': 0.85,
        'line-width': ['interpolate', ['linear'], ['zoom'], 3, 1.5, 8, 3]
      }
    },
    {
      id: 'cities',
      type: 'circle',
      source: 'cities',
      // hollow rings, so a city is never mistaken for a (grey, offline) technician
      paint: {
        'circle-color': MAP_COLORS.city,
        'circle-opacity': 0,
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 3, 3.5, 8, 7],
        'circle-stroke-color': MAP_COLORS.city,
        'circle-stroke-opacity': 0.7,
        'circle-stroke-width': 1.5
      }
    },
    {
      id: TECH_LAYER,
      type: 'circle',
      source: TECH_SOURCE,
      layout: {
        // offline underneath; the others keep their order so a crowd shows its real mix of colours
        'circle-sort-key': ['match', ['get', 'status'], 'offline', 0, 1]
      },
      paint: {
        'circle-color': statusColorExpression(),
        'circle-opacity': ['match', ['get', 'status'], 'offline', 0.35, 0.95],
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 3, 3.5, 5, 5, 8, 7, 12, 10],
        'circle-stroke-color': MAP_COLORS.dotStroke,
        'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], 3, 0.3, 8, 1],
        'circle-stroke-opacity': 0.6
      }
    },
    ...FOCUS_LAYERS
  );

  return { version: 8, name: 'dispatch-wall', sources, layers };
}
