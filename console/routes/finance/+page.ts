import { error, redirect } from '@sveltejs/kit';
import { fetchMe, fetchRegions } from '$lib/api/http';
import { fetchPartners } from '$lib/finance/api';
import type { PageLoad } from './$types';

/** Finance, admins and executives see every region here; regional managers their own. */
const READERS = ['finance', 'admin', 'executive', 'regional_manager'];

export const load: PageLoad = async ({ fetch, url, untrack }) => {
  const me = await fetchMe(fetch);
  if (!me.ok) error(me.status || 503, me.error?.message ?? 'session check failed');
  if (me.data === null)
    redirect(307, `/login?next=${encodeURIComponent(untrack(() => url.pathname + url.search))}`);
  if (me.data.role === 'technician') redirect(307, '/tech');
  if (!READERS.includes(me.data.role)) redirect(307, '/wall');
  const [regions, partners] = await Promise.all([fetchRegions(fetch), fetchPartners(fetch)]);
  const visible = new Set(me.data.regionIds);
  const national = me.data.role !== 'regional_manager';
  return {
    user: me.data,
    regions: regions.ok
      ? regions.data.features
          .map((f) => f.properties)
          .filter((r) => national || visible.has(r.id))
          .map((r) => ({ id: r.id, name: r.name, nameEn: r.nameEn }))
      : [],
    partners: partners.ok ? partners.data : []
  };
};
