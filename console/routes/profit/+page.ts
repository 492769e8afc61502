import { error, redirect } from '@sveltejs/kit';
import { fetchCities, fetchMe } from '$lib/api/http';
import type { PageLoad } from './$types';

// Profit is for executives, admins, finance and regional managers (the server scopes and refuses too);
// the city names come with the page, the figures from the page's own state.
export const load: PageLoad = async ({ fetch, url, untrack }) => {
  const me = await fetchMe(fetch);
  if (!me.ok) error(me.status || 503, me.error?.message ?? 'session check failed');
  if (me.data === null)
    redirect(307, `/login?next=${encodeURIComponent(untrack(() => url.pathname + url.search))}`);
  if (me.data.role === 'technician') redirect(307, '/tech');
  if (me.data.role === 'dispatcher') redirect(307, '/');
  const cities = await fetchCities(fetch);
  return { user: me.data, cities: cities.ok ? cities.data.features : [] };
};
