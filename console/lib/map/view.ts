/** Initial camera from the URL: `?center=lng,lat&zoom=z`. Null parts mean "fit China". */
export interface InitialView {
  center: [lng: number, lat: number] | null;
  zoom: number | null;
}

export const DEFAULT_CENTER_ZOOM = 4;

export function parseInitialView(params: URLSearchParams): InitialView {
  return { center: parseCenter(params.get('center')), zoom: parseZoom(params.get('zoom')) };
}

function parseCenter(raw: string | null): [number, number] | null {
  if (!raw) return null;
  const parts = raw.split(',');
  if (parts.length !== 2) return null;
  const lng = Number(parts[0]);
  const lat = Number(parts[1]);
  if (!Number.isFinite(lng) || !Number.isFinite(lat)) return null;
  if (lng < -180 || lng > 180 || lat < -85 || lat > 85) return null;
  return [lng, lat];
}

function parseZoom(raw: string | null): number | null {
  if (raw === null || raw.trim() === '') return null;
  const zoom = Number(raw);
  return Number.isFinite(zoom) && zoom >= 0 && zoom <= 22 ? zoom : null;
}
