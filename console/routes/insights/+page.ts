import { loadPlaces } from '$lib/api/http';
import { staffUser } from '$lib/api/staff';
import type { PageLoad } from './$types';

// The level lives in the URL but is read by the page, not here: drilling down changes the URL without
// loading the map data again.
export const load: PageLoad = async ({ fetch, url, untrack }) => {
  const user = await staffUser(fetch, () => untrack(() => url.pathname + url.search));
  return { user, ...(await loadPlaces(fetch)) };
};
