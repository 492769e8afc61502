import type { TechStatus } from '$realtime/events';

/**
 * Runtime copy of the status list (the console imports only types from realtime/).
 * The checks below make the build fail if realtime/events.ts adds or renames a status.
 */
export const TECH_STATUSES = ['offline', 'idle', 'en_route', 'busy'] as const satisfies readonly TechStatus[];
type Missing = Exclude<TechStatus, (typeof TECH_STATUSES)[number]>;
const _everyStatusListed: [Missing] extends [never] ? true : Missing = true;
void _everyStatusListed;

/** Map colours per status, also used for the legend dots in the header. */
export const STATUS_COLORS: Record<TechStatus, string> = {
  idle: '#34d399',
  en_route: '#fbbf24',
  busy: '#38bdf8',
  offline: '#64748b'
};
