// Technician availability, as the wall counts it.
export const TECHNICIAN_STATUSES = ['offline', 'idle', 'en_route', 'busy'] as const;
export type TechnicianStatus = (typeof TECHNICIAN_STATUSES)[number];

export function countByStatus(statuses: Iterable<TechnicianStatus>): Record<TechnicianStatus, number> {
  const counts: Record<TechnicianStatus, number> = { offline: 0, idle: 0, en_route: 0, busy: 0 };
  for (const s of statuses) counts[s] += 1;
  return counts;
}
