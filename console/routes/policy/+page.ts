import { loadStaffPage } from '$lib/editor/staff-page';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url }) => ({
  ...(await loadStaffPage(fetch, url)),
  regionId: url.searchParams.get('region')
});
