import { redirect } from '@sveltejs/kit';
import { fetchRegions } from '$lib/api/http';
import { staffUser } from '$lib/api/staff';
import { fetchPartners } from '$lib/finance/api';
import type { PageLoad } from './$types';

/** Finance, admins and executives see every region here; regional managers their own. */
const READERS = ['finance', 'admin', 'executive', 'regional_manager'];

export const load: PageLoad = async ({ fetch, url, untrack }) => {
  const user = await staffUser(fetch, () => untrack(() => url.pathname + url.search));
  if (!READERS.includes(user.role)) redirect(307, '/wall');
  const [regions, partners] = await Promise.all([fetchRegions(fetch), fetchPartners(fetch)]);
  const visible = new Set(user.regionIds);
  const national = user.role !== 'regional_manager';
  return {
    user,
    regions: regions.ok
      ? regions.data.features
          .map((f) => f.properties)
          .filter((r) => national || visible.has(r.id))
          .map((r) => ({ id: r.id, name: r.name, nameEn: r.nameEn }))
      : [],
    partners: partners.ok ? partners.data : []
  };
};
