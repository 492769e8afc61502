// Great-circle distance and stepping, on a sphere of the Earth's mean radius: metres of error per
// hundred kilometres, which is far below what dispatch ranking or a simulated drive can notice.

export interface LngLat {
  lng: number;
  lat: number;
}

/** IUGG mean Earth radius. */
const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Central angle between two points, in radians (haversine form: stable for short distances). */
function centralAngle(a: LngLat, b: LngLat): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLng = (b.lng - a.lng) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function haversineKm(a: LngLat, b: LngLat): number {
  return EARTH_RADIUS_KM * centralAngle(a, b);
}

/**
 * The point `km` along the great circle from `from` toward `to`; `to` itself when it is no farther than
 * that. A negative or NaN step does not move. Returns a new object either way.
 */
export function moveToward(from: LngLat, to: LngLat, km: number): LngLat {
  const angle = centralAngle(from, to);
  const total = EARTH_RADIUS_KM * angle;
  if (total <= km) return { lng: to.lng, lat: to.lat };
  if (!(km > 0)) return { lng: from.lng, lat: from.lat };
  // Spherical linear interpolation between the two unit vectors.
  const f = km / total;
  const wa = Math.sin((1 - f) * angle) / Math.sin(angle);
  const wb = Math.sin(f * angle) / Math.sin(angle);
  const [lat1, lng1, lat2, lng2] = [from.lat * RAD, from.lng * RAD, to.lat * RAD, to.lng * RAD];
  const x = wa * Math.cos(lat1) * Math.cos(lng1) + wb * Math.cos(lat2) * Math.cos(lng2);
  const y = wa * Math.cos(lat1) * Math.sin(lng1) + wb * Math.cos(lat2) * Math.sin(lng2);
  const z = wa * Math.sin(lat1) + wb * Math.sin(lat2);
  return { lng: Math.atan2(y, x) / RAD, lat: Math.atan2(z, Math.hypot(x, y)) / RAD };
}
