import { loadStaffPage } from '$lib/editor/staff-page';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ fetch, url }) => loadStaffPage(fetch, url);
