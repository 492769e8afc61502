import { redirect } from '@sveltejs/kit';
import { fetchMe } from '$lib/api/http';
import type { PageLoad } from './$types';

/** `/` goes to the wall when signed in, else to the login. */
export const load: PageLoad = async ({ fetch }) => {
  const me = await fetchMe(fetch);
  redirect(307, me.ok && me.data === null ? '/login' : '/wall');
};
