import { redirect } from '@sveltejs/kit';
import { fetchMe } from '$lib/api/http';
import type { PageLoad } from './$types';

/**
 * `/` goes to the login when signed out, a technician to their phone page, everyone else to the wall.
 * The login sends people here by default, so each role lands on its own screen.
 */
export const load: PageLoad = async ({ fetch }) => {
  const me = await fetchMe(fetch);
  if (me.ok && me.data === null) redirect(307, '/login');
  redirect(307, me.ok && me.data?.role === 'technician' ? '/tech' : '/wall');
};
