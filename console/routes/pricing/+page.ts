import { error, redirect } from '@sveltejs/kit';
import { fetchMe, fetchRegions } from '$lib/api/http';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url }) => {
  const me = await fetchMe(fetch);
  if (!me.ok) error(me.status || 503, me.error?.message ?? 'session check failed');
  if (me.data === null) redirect(307, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  const regions = await fetchRegions(fetch);
  return {
    user: me.data,
    regionIds: regions.ok ? regions.data.features.map((f) => f.properties.id) : []
  };
};
