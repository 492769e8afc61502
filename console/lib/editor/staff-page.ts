// What a staff page (the editors) loads first: who is signed in (to the login page if nobody is) and the
// regions to choose from.
import { error, redirect } from '@sveltejs/kit';
import type { SessionUser } from '$realtime/contract';
import { fetchMe, fetchRegions, type Fetch } from '$lib/api/http';

export async function loadStaffPage(
  fetchFn: Fetch,
  url: URL
): Promise<{ user: SessionUser; regionIds: string[] }> {
  const me = await fetchMe(fetchFn);
  if (!me.ok) error(me.status || 503, me.error?.message ?? 'session check failed');
  if (me.data === null) redirect(307, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  const regions = await fetchRegions(fetchFn);
  return {
    user: me.data,
    regionIds: regions.ok ? regions.data.features.map((f) => f.properties.id) : []
  };
}
