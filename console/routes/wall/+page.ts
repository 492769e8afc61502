import { error, redirect } from '@sveltejs/kit';
import { fetchMe, loadPlaces } from '$lib/api/http';
import { parseInitialView } from '$lib/map/view';
import { WALL_PANEL_IDS } from '$lib/wall/panels';
import { parseRotation } from '$lib/wall/rotation';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url }) => {
  const me = await fetchMe(fetch);
  if (!me.ok) error(me.status || 503, me.error?.message ?? 'session check failed');
  if (me.data === null) redirect(307, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  // A technician signing in on a bookmarked wall link belongs on their phone page.
  if (me.data.role === 'technician') redirect(307, '/tech');

  return {
    user: me.data,
    ...(await loadPlaces(fetch)),
    view: parseInitialView(url.searchParams),
    rotation: parseRotation(url.searchParams, WALL_PANEL_IDS)
  };
};
