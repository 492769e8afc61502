import { redirect } from '@sveltejs/kit';
import { fetchMe, safeNext } from '$lib/api/http';
import type { PageLoad } from './$types';

/** Already signed in (a wall display that rebooted): go straight on. */
export const load: PageLoad = async ({ fetch, url }) => {
  const next = safeNext(url.searchParams.get('next'));
  const me = await fetchMe(fetch);
  if (me.ok && me.data) redirect(307, next);
  return { next };
};
