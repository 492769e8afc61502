// The view of one level as GeoJSON for the map: weights scaled to 0–1 of the level's largest, so the
// colours mean "hot for this level" whatever its absolute numbers.
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import type { RegionCollection } from '$realtime/contract';
import type { HeatmapView } from '$realtime/heatmap-contract';
import type { LngLat, TechStatus } from '$realtime/events';

type Points<P> = FeatureCollection<Point, P>;

const point = <P>(location: LngLat, properties: P): Feature<Point, P> => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [location.lng, location.lat] },
  properties
});

const shares = (weights: number[]) => {
  const max = Math.max(0, ...weights);
  return (w: number) => (max > 0 ? w / max : 0);
};

export interface HeatFeatures {
  /** The regions of the view, tinted by their share; the others are left out. */
  regions: FeatureCollection<Polygon | MultiPolygon, { id: string; share: number }>;
  /** What the heatmap layer spreads: cities (nation), hot spots (region) or orders (city). */
  heat: Points<{ share: number }>;
  /** Clickable city rings, sized by share. */
  cities: Points<{ id: string; share: number }>;
  depots: Points<{ id: string }>;
  technicians: Points<{ id: string; status: TechStatus }>;
}

export function heatFeatures(view: HeatmapView, regions: RegionCollection): HeatFeatures {
  const regionShare = shares(view.regions.map((r) => r.weight));
  const weightOf = new Map(view.regions.map((r) => [r.regionId, r.weight]));
  const cityShare = shares(view.cities.map((c) => c.weight));
  const heatCells =
    view.level.type === 'nation' ? view.cities : view.level.type === 'region' ? view.hotspots : view.orders;
  const heatShare = shares(heatCells.map((c) => c.weight));
  return {
    regions: {
      type: 'FeatureCollection',
      features: regions.features.flatMap((f) => {
        const weight = weightOf.get(f.properties.id);
        if (weight === undefined) return [];
        return [{ ...f, properties: { id: f.properties.id, share: regionShare(weight) } }];
      })
    },
    heat: {
      type: 'FeatureCollection',
      features: heatCells
        .filter((c) => c.weight > 0)
        .map((c) => point(c.location, { share: heatShare(c.weight) }))
    },
    cities: {
      type: 'FeatureCollection',
      features: view.cities.map((c) => point(c.location, { id: c.cityId, share: cityShare(c.weight) }))
    },
    depots: { type: 'FeatureCollection', features: view.depots.map((d) => point(d.location, { id: d.id })) },
    technicians: {
      type: 'FeatureCollection',
      features: view.technicians.map((t) => point(t.location, { id: t.id, status: t.status }))
    }
  };
}

const sameValue = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * Whether two versions of a source draw the same: the same features in the same order, with equal
 * properties and positions. A polygon counts as the same only when it is the same object (the regions'
 * outlines come from one list), so no outline is walked. A live refresh that changed nothing in a
 * source then sends it nothing: each `setData` re-cuts the source's tiles and redraws the map.
 */
export function sameFeatures(a: FeatureCollection, b: FeatureCollection): boolean {
  return (
    a.features.length === b.features.length &&
    a.features.every((f, i) => {
      const g = b.features[i];
      if (!g || !sameValue(f.properties, g.properties)) return false;
      if (f.geometry === g.geometry) return true;
      return f.geometry.type === 'Point' && g.geometry.type === 'Point'
        ? sameValue(f.geometry.coordinates, g.geometry.coordinates)
        : false;
    })
  );
}
