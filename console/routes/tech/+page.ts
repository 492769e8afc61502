import { error, redirect } from '@sveltejs/kit';
import { fetchMe } from '$lib/api/http';
import type { PageLoad } from './$types';

/** A technician's phone page; everyone else belongs on the wall. */
export const load: PageLoad = async ({ fetch, url }) => {
  const me = await fetchMe(fetch);
  if (!me.ok) error(me.status || 503, me.error?.message ?? 'session check failed');
  if (me.data === null) redirect(307, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  if (me.data.role !== 'technician') redirect(307, '/wall');
  // Sending this login to the wall would come straight back here: say what is wrong instead.
  if (!me.data.technicianId) error(403, 'this sign-in is not linked to a technician');
  return { user: me.data, technicianId: me.data.technicianId };
};
