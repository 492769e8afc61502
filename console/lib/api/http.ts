// Thin typed wrappers over the same-origin JSON API (cookie session). Types come from realtime/contract.ts.
import type { FeatureCollection } from 'geojson';
import type { ErrorBody } from '$realtime/events';
import type {
  BasemapCollection,
  CityCollection,
  DepotList,
  RegionCollection,
  SessionUser
} from '$realtime/contract';

export type Fetch = typeof fetch;

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; error: ErrorBody | null };

export interface ConsoleConfig {
  /** Optional raster tile URL template configured by the operator; null means bundled GeoJSON only. */
  tileUrl: string | null;
}

export async function request<T>(fetchFn: Fetch, path: string, init?: RequestInit): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetchFn(path, {
      credentials: 'same-origin',
      ...init,
      headers: { accept: 'application/json', ...(init?.body ? { 'content-type': 'application/json' } : {}) }
    });
  } catch {
    return { ok: false, status: 0, error: null };
  }
  const body: unknown = await res.json().catch(() => null);
  if (res.ok) return { ok: true, data: body as T };
  return { ok: false, status: res.status, error: errorBodyOf(body) };
}

function errorBodyOf(body: unknown): ErrorBody | null {
  if (typeof body !== 'object' || body === null || !('error' in body)) return null;
  const error = (body as { error: unknown }).error;
  if (typeof error !== 'object' || error === null) return null;
  const { code, message } = error as Record<string, unknown>;
  return typeof code === 'string' && typeof message === 'string' ? (error as ErrorBody) : null;
}

/** The signed-in user, null on 401; other failures keep their status so callers can tell them apart. */
export async function fetchMe(fetchFn: Fetch): Promise<ApiResult<SessionUser | null>> {
  const res = await request<{ user: SessionUser }>(fetchFn, '/api/me');
  if (res.ok) return { ok: true, data: res.data.user };
  if (res.status === 401) return { ok: true, data: null };
  return res;
}

export async function login(
  fetchFn: Fetch,
  username: string,
  password: string
): Promise<ApiResult<SessionUser>> {
  const res = await request<{ user: SessionUser }>(fetchFn, '/api/auth/login', {
    method: 'POST',
    body: JSON.stringify({ username, password })
  });
  return res.ok ? { ok: true, data: res.data.user } : res;
}

export async function logout(fetchFn: Fetch): Promise<void> {
  await request<unknown>(fetchFn, '/api/auth/logout', { method: 'POST' });
}

export const fetchRegions = (f: Fetch) => request<RegionCollection>(f, '/api/regions');
export const fetchCities = (f: Fetch) => request<CityCollection>(f, '/api/cities');
export const fetchBasemap = (f: Fetch) => request<BasemapCollection>(f, '/api/basemap');
export const fetchDepots = (f: Fetch) => request<DepotList>(f, '/api/depots');

export async function fetchConfig(fetchFn: Fetch): Promise<ConsoleConfig> {
  const res = await request<Partial<ConsoleConfig>>(fetchFn, '/api/config');
  const tileUrl = res.ok ? res.data.tileUrl : null;
  return { tileUrl: typeof tileUrl === 'string' && tileUrl.length > 0 ? tileUrl : null };
}

export interface Places {
  regions: RegionCollection;
  cities: CityCollection;
  basemap: BasemapCollection;
  tileUrl: string | null;
}

/** What every map page draws. A map without one of its layers is more useful than an error page. */
export async function loadPlaces(fetchFn: Fetch): Promise<Places> {
  const [regions, cities, basemap, config] = await Promise.all([
    fetchRegions(fetchFn),
    fetchCities(fetchFn),
    fetchBasemap(fetchFn),
    fetchConfig(fetchFn)
  ]);
  return {
    regions: orEmpty(regions, 'regions'),
    cities: orEmpty(cities, 'cities'),
    basemap: orEmpty(basemap, 'basemap'),
    tileUrl: config.tileUrl
  };
}

function orEmpty<T extends FeatureCollection>(res: ApiResult<T>, what: string): T {
  if (res.ok && res.data?.type === 'FeatureCollection') return res.data;
  console.warn(`/api/${what} unavailable`, res.ok ? 'not a FeatureCollection' : res.status);
  return { type: 'FeatureCollection', features: [] } as unknown as T;
}

/**
 * Only same-site absolute paths may be a post-login target (no `//host` or `https://…`). Without one the
 * target is `/`, which sends each role to its own screen (technicians to /tech, everyone else to /wall).
 */
export function safeNext(next: string | null, fallback = '/'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  if (next === '/login' || next.startsWith('/login?')) return fallback;
  return next;
}
