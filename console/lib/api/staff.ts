// The session check of the staff pages' load functions.
import { error, redirect } from '@sveltejs/kit';
import type { SessionUser } from '$realtime/contract';
import { fetchMe, type Fetch } from './http';

/**
 * The signed-in staff member. Signed out: to the login, which comes back to `next()`; a technician: to
 * their phone page.
 */
export async function staffUser(fetchFn: Fetch, next: () => string): Promise<SessionUser> {
  const me = await fetchMe(fetchFn);
  if (!me.ok) error(me.status || 503, me.error?.message ?? 'session check failed');
  if (me.data === null) redirect(307, `/login?next=${encodeURIComponent(next())}`);
  if (me.data.role === 'technician') redirect(307, '/tech');
  return me.data;
}
