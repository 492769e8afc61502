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

/**
 * Natural Earth names of the land and sea neighbours, plus the countries inside the frame (and the Siachen
 * Glacier, which has no id) so that the map shows no holes.
 */
const NEIGHBOURS = new Set(
  [
    'Mongolia, Russia, Kazakhstan, Kyrgyzstan, Tajikistan, Afghanistan, Pakistan, India, Nepal, Bhutan',
    'Myanmar, Laos, Vietnam, North Korea, South Korea, Japan, Taiwan, Philippines, Hong Kong, Macao',
    'Bangladesh, Thailand, Cambodia, Siachen Glacier'
  ].flatMap((line) => line.split(', '))
);

/** [west, south, east, north]: neighbours are clipped to it (Russia would otherwise span the globe). */
export const BASEMAP_FRAME: [number, number, number, number] = [60, 0, 150, 60];

type CountryProps = { name: string };
type Country = Feature<Polygon | MultiPolygon, CountryProps>;
type CountriesTopology = Topology<{ countries: GeometryCollection<CountryProps> }>;

let topology: CountriesTopology | undefined;
let outline: Feature<MultiPolygon> | undefined;
let collection: BasemapCollection | undefined;

/** Decodes only the countries asked for: China alone takes 2 ms, all 241 countries some 50 ms. */
function countries(wanted: (id: string | number | undefined, name: string) => boolean): Country[] {
  // createRequire: a plain JSON load that works the same under tsx, vitest and node, and spares the
  // type checker from inferring a type for 750 kB of arcs.
  topology ??= createRequire(import.meta.url)('world-atlas/countries-50m.json') as CountriesTopology;
  const atlas = topology;
  return atlas.objects.countries.geometries
    .filter((g) => wanted(g.id, g.properties && 'name' in g.properties ? g.properties.name : ''))
    .map((g) => feature(atlas, g) as Country);
}

/** China as one MultiPolygon: the mainland, Hainan and the coastal islands; without Taiwan, HK, Macao. */
export function chinaOutline(): Feature<MultiPolygon> {
  if (!outline) {
    const [china] = countries((id) => id === CHINA_ID);
    if (!china || china.geometry.type !== 'MultiPolygon')
      throw new Error('world-atlas has no China MultiPolygon');
    outline = { type: 'Feature', properties: { name: 'China' }, geometry: china.geometry };
  }
  return outline;
}

/**
 * The polygons of `geometry` cut to `box` (Sutherland–Hodgman, fast), as MultiPolygon coordinates without
 * the parts that fell outside. A concave part may keep zero-width seams along the box edge.
 */
export function clipToBox(
  geometry: Polygon | MultiPolygon,
  box: [number, number, number, number]
): Position[][][] {
  const clipped = bboxClip(geometry, box).geometry;
  if (clipped.type === 'Polygon') return clipped.coordinates.length > 0 ? [clipped.coordinates] : [];
  if (clipped.type === 'MultiPolygon') return clipped.coordinates.filter((part) => part.length > 0);
  return [];
}

function clipToFrame(f: Country): BasemapFeature | null {
  const parts = clipToBox(f.geometry, BASEMAP_FRAME);
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
    const neighbours = countries((_, name) => NEIGHBOURS.has(name))
      .map(clipToFrame)
      .filter((f): f is BasemapFeature => f !== null);
    collection = { type: 'FeatureCollection', features: [china, ...neighbours] };
  }
  return collection;
}
