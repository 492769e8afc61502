import { error, redirect } from '@sveltejs/kit';
import { fetchMe, loadPlaces } from '$lib/api/http';
import type { PageLoad } from './$types';

// The level lives in the URL but is read by the page, not here: drilling down changes the URL without
// loading the map data again.
export const load: PageLoad = async ({ fetch, url, untrack }) => {
  const me = await fetchMe(fetch);
  if (!me.ok) error(me.status || 503, me.error?.message ?? 'session check failed');
  if (me.data === null)
    redirect(307, `/login?next=${encodeURIComponent(untrack(() => url.pathname + url.search))}`);
  if (me.data.role === 'technician') redirect(307, '/tech');
  return { user: me.data, ...(await loadPlaces(fetch)) };
};
