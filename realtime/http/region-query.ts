// The `regionId` filter of the list routes: 422 when it names no region, 403 when it names one outside
// the caller's, so every list answers the same way.
import { permittedRegions, type Principal } from '../auth/scope';
import { HttpError } from './errors';

export function assertKnownRegion(regionId: string | undefined, allRegionIds: readonly string[]): void {
  if (regionId && !allRegionIds.includes(regionId))
    throw new HttpError(422, 'validation_failed', 'unknown region', [
      { path: 'regionId', message: 'unknown region' }
    ]);
}

/** The regions a list covers: the one asked for, or every region the caller may see. */
export function regionsToList(
  user: Principal,
  regionId: string | undefined,
  allRegionIds: readonly string[]
): string[] {
  assertKnownRegion(regionId, allRegionIds);
  const visible = permittedRegions(user, allRegionIds);
  if (!regionId) return visible;
  if (!visible.includes(regionId))
    throw new HttpError(403, 'forbidden', `region ${regionId} is outside your regions`);
  return [regionId];
}
