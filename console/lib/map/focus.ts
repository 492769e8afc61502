// The order open in the drawer, drawn on the wall: a pin where the customer is and a line to the
// technician who holds it, so a reassignment is seen on the map the moment it lands.
import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import type { LayerSpecification, SourceSpecification } from 'maplibre-gl';
import type { LngLat, TechPosition } from '$realtime/events';

export const FOCUS_SOURCE = 'focus';

export interface MapFocus {
  /** The order's (rounded) location. */
  location: LngLat;
  /** Who holds it now, or null. */
  technicianId: string | null;
}

const COLORS = { pin: '#fbbf24', link: '#fbbf24', ring: '#ffffff' } as const;

type FocusFeature = Feature<Point | LineString, { role: 'order' | 'technician' | 'link' }>;

/** The pin, and when the holder is on the map, their ring and the line between them. */
export function focusFeatures(
  focus: MapFocus | null,
  positions: ReadonlyMap<string, TechPosition>
): FeatureCollection<Point | LineString, { role: 'order' | 'technician' | 'link' }> {
  const features: FocusFeature[] = [];
  if (focus) {
    const order = [focus.location.lng, focus.location.lat];
    const holder = focus.technicianId ? positions.get(focus.technicianId) : undefined;
    if (holder) {
      const at = [holder.lng, holder.lat];
      features.push(
        {
          type: 'Feature',
          geometry: { type: 'LineString', coordinates: [order, at] },
          properties: { role: 'link' }
        },
        { type: 'Feature', geometry: { type: 'Point', coordinates: at }, properties: { role: 'technician' } }
      );
    }
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: order },
      properties: { role: 'order' }
    });
  }
  return { type: 'FeatureCollection', features };
}

/** The box around what the focus draws, or null when it draws nothing. */
export function focusBounds(
  collection: ReturnType<typeof focusFeatures>
): [[number, number], [number, number]] | null {
  const points = collection.features.flatMap((f) =>
    f.geometry.type === 'Point' ? [f.geometry.coordinates] : []
  );
  if (points.length === 0) return null;
  const lngs = points.map((p) => p[0] ?? 0);
  const lats = points.map((p) => p[1] ?? 0);
  return [
    [Math.min(...lngs), Math.min(...lats)],
    [Math.max(...lngs), Math.max(...lats)]
  ];
}

export const focusSource = (): SourceSpecification => ({
  type: 'geojson',
  data: { type: 'FeatureCollection', features: [] }
});

/** Above the technician dots: the focused order must never hide under a crowd. */
export const FOCUS_LAYERS: LayerSpecification[] = [
  {
    id: 'focus-link',
    type: 'line',
    source: FOCUS_SOURCE,
    filter: ['==', ['get', 'role'], 'link'],
    layout: { 'line-cap': 'round' },
    paint: { 'line-color': COLORS.link, 'line-width': 4, 'line-dasharray': [2, 1.5] }
  },
  {
    id: 'focus-technician',
    type: 'circle',
    source: FOCUS_SOURCE,
    filter: ['==', ['get', 'role'], 'technician'],
    paint: {
      'circle-radius': 14,
      'circle-opacity': 0,
      'circle-stroke-color': COLORS.ring,
      'circle-stroke-width': 4
    }
  },
  {
    id: 'focus-order',
    type: 'circle',
    source: FOCUS_SOURCE,
    filter: ['==', ['get', 'role'], 'order'],
    paint: {
      'circle-radius': 11,
      'circle-color': COLORS.pin,
      'circle-stroke-color': '#111827',
      'circle-stroke-width': 3
    }
  }
];
