// The offline basemap: Natural Earth 1:50m country outlines shipped in the world-atlas package.
import { createRequire } from 'node:module';
import { bboxClip } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

export interface BasemapProperties {
  name: string;
  focus: boolean;
}
export type BasemapFeature = Feature<Polygon | MultiPolygon, BasemapProperties>;
export type BasemapCollection = FeatureCollection<Polygon | MultiPolygon, BasemapProperties>;

/** ISO 3166 numeric id of China in Natural Earth; Taiwan (158), Hong Kong (344), Macao (446) are apart. */
const CHINA_ID = '156';

/** Land and sea neighbours, plus the countries inside the frame so that the map shows no holes. */
const NEIGHBOUR_IDS = new Set([
  '496', '643', '398', '417', '762', '004', '586', '356', '524', '064', '104', '418', '704', '408',
  '410', '392', '158', '608', '344', '446', '050', '764', '116'
]);

/** [west, south, east, north]: neighbours are clipped to it (Russia would otherwise span the globe). */
export const BASEMAP_FRAME: [number, number, number, number] = [60, 0, 150, 60];

type CountryProps = { name: string };

let topology: Topology<{ countries: GeometryCollection<CountryProps> }> | undefined;
let outline: Feature<MultiPolygon> | undefined;
let collection: BasemapCollection | undefined;

function countries(): Feature<Polygon | MultiPolygon, CountryProps>[] {
  // createRequire: a plain JSON load that works the same under tsx, vitest and node, and spares the
  // type checker from inferring a type for 750 kB of arcs.
  topology ??= createRequire(import.meta.url)('world-atlas/countries-50m.json') as Topology<{
    countries: GeometryCollection<CountryProps>;
  }>;
  const fc = feature(topology, topology.objects.countries) as FeatureCollection<
    Polygon | MultiPolygon,
    CountryProps
  >;
  return fc.features;
}

/** China as one MultiPolygon: the mainland, Hainan and the coastal islands; without Taiwan, HK, Macao. */
export function chinaOutline(): Feature<MultiPolygon> {
  if (!outline) {
    const china = countries().find((f) => f.id === CHINA_ID);
    if (!china || china.geometry.type !== 'MultiPolygon') throw new Error('world-atlas has no China MultiPolygon');
    outline = { type: 'Feature', properties: { name: 'China' }, geometry: china.geometry };
  }
  return outline;
}

function clipToFrame(f: Feature<Polygon | MultiPolygon, CountryProps>): BasemapFeature | null {
  const parts: Position[][][] = [];
  const clipped = bboxClip(f, BASEMAP_FRAME).geometry;
  for (const part of clipped.type === 'Polygon' ? [clipped.coordinates] : clipped.coordinates) {
    if (part.length > 0) parts.push(part);
  }
  if (parts.length === 0) return null;
  return {
    type: 'Feature',
    properties: { name: f.properties.name, focus: false },
    geometry: { type: 'MultiPolygon', coordinates: parts }
  };
}

/** China (focus) and its neighbours, for the console map when no tile server is configured. */
export function basemap(): BasemapCollection {
  if (!collection) {
    const china: BasemapFeature = {
      type: 'Feature',
      properties: { name: 'China', focus: true },
      geometry: chinaOutline().geometry
    };
    const neighbours = countries()
      .filter((f) => typeof f.id === 'string' && NEIGHBOUR_IDS.has(f.id))
      .map(clipToFrame)
      .filter((f): f is BasemapFeature => f !== null);
    collection = { type: 'FeatureCollection', features: [china, ...neighbours] };
  }
  return collection;
}
