import { error, redirect } from '@sveltejs/kit';
import type { FeatureCollection } from 'geojson';
import { fetchBasemap, fetchCities, fetchConfig, fetchMe, fetchRegions, type ApiResult } from '$lib/api/http';
import { parseInitialView } from '$lib/map/view';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url }) => {
  const me = await fetchMe(fetch);
  if (!me.ok) error(me.status || 503, me.error?.message ?? 'session check failed');
  if (me.data === null) redirect(307, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  // A technician signing in on a bookmarked wall link belongs on their phone page.
  if (me.data.role === 'technician') redirect(307, '/tech');

  const [regions, cities, basemap, config] = await Promise.all([
    fetchRegions(fetch),
    fetchCities(fetch),
    fetchBasemap(fetch),
    fetchConfig(fetch)
  ]);

  // A wall without one of its map layers is more useful than an error page: draw what arrived.
  return {
    user: me.data,
    regions: orEmpty(regions, 'regions'),
    cities: orEmpty(cities, 'cities'),
    basemap: orEmpty(basemap, 'basemap'),
    tileUrl: config.tileUrl,
    view: parseInitialView(url.searchParams)
  };
};

function orEmpty<T extends FeatureCollection>(res: ApiResult<T>, what: string): T {
  if (res.ok && res.data?.type === 'FeatureCollection') return res.data;
  console.warn(`/api/${what} unavailable`, res.ok ? 'not a FeatureCollection' : res.status);
  return { type: 'FeatureCollection', features: [] } as unknown as T;
}
