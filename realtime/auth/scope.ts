// What a user may see: derived from role and regions on the server, never asked of the client.
import type { Role, SessionUser } from '../contract';

/** The signed-in user as the server checks them; the same shape `/api/me` answers. */
export type Principal = SessionUser;

const NATIONAL: readonly Role[] = ['admin', 'executive', 'finance'];

export function permittedRegions(user: Principal, allRegionIds: readonly string[]): string[] {
  if (NATIONAL.includes(user.role)) return [...allRegionIds];
  if (user.role === 'technician') return [];
  return allRegionIds.filter((id) => user.regionIds.includes(id));
}

const SUPERVISORS: readonly Role[] = ['admin', 'dispatcher', 'regional_manager'];

/** Who may change assignments and move orders along for their regions. */
export const isSupervisor = (user: Principal): boolean => SUPERVISORS.includes(user.role);

export function canSeeRegion(user: Principal, regionId: string, allRegionIds: readonly string[]): boolean {
  return permittedRegions(user, allRegionIds).includes(regionId);
}

export const regionRoom = (regionId: string): string => `region:${regionId}`;
export const techRoom = (technicianId: string): string => `tech:${technicianId}`;
export const EXEC_ROOM = 'exec';
/** Everyone who sees every region: they get one combined frame instead of one per region. */
export const NATIONAL_ROOM = 'scope:all';
export const sessionRoom = (sessionId: string): string => `session:${sessionId}`;
/** Every socket of one user, on any instance: their own notifications go here. */
export const userRoom = (userId: string): string => `user:${userId}`;

export function roomsFor(user: Principal, allRegionIds: readonly string[]): string[] {
  const rooms = permittedRegions(user, allRegionIds).map(regionRoom);
  if (NATIONAL.includes(user.role)) rooms.push(NATIONAL_ROOM);
  if (user.role === 'admin' || user.role === 'executive') rooms.push(EXEC_ROOM);
  if (user.technicianId) rooms.push(techRoom(user.technicianId));
  rooms.push(userRoom(user.id));
  return rooms;
}
