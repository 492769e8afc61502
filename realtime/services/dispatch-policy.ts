// Reading and changing a region's dispatch policy: who may, at which version, and the audit event stored
// with the change in one transaction. Dispatch's in-memory copy is replaced once the change is committed.
import {
  appendEvents,
  findRegionPolicy,
  lockRegionPolicy,
  POLICY_CHANGED,
  updateRegionPolicy,
  type Database,
  type RegionPolicyRow,
  type VersionedRegionPolicy
} from '../../db';
import type { Principal } from '../auth/scope';
import type { DispatchPolicyView } from '../contract';
import { HttpError } from '../http/errors';
import type { PolicyChangeInput } from '../schemas/region-policy';
import { policyFor, storedOverrides } from './dispatch-inputs';
import type { RegionPolicies } from './region-policies';

const toView = ({ row, version }: VersionedRegionPolicy): DispatchPolicyView => ({
  regionId: row.id,
  version,
  policy: policyFor(row)
});

const noSuchRegion = () => new HttpError(404, 'not_found', 'no such region');

/** Admins everywhere; the supervisors and managers of the region itself. */
function mayRead(user: Principal, regionId: string): boolean {
  if (user.role === 'admin') return true;
  return (
    (user.role === 'dispatcher' || user.role === 'regional_manager') && user.regionIds.includes(regionId)
  );
}

export class DispatchPolicyService {
  constructor(
    private readonly db: Database,
    private readonly policies: RegionPolicies
  ) {}

  async read(user: Principal, regionId: string): Promise<DispatchPolicyView> {
    const found = await findRegionPolicy(this.db, regionId);
    if (!found) throw noSuchRegion();
    if (!mayRead(user, regionId))
      throw new HttpError(403, 'forbidden', `the dispatch policy of ${regionId} is not yours to see`);
    return toView(found);
  }

  async change(user: Principal, regionId: string, input: PolicyChangeInput): Promise<DispatchPolicyView> {
    if (user.role !== 'admin') throw new HttpError(403, 'forbidden', 'only admins change dispatch policies');
    const { expectedVersion, reason, maxRadiusKm, ...overrides } = input;
    const changed = await this.db.transaction(async (tx) => {
      const current = await lockRegionPolicy(tx, regionId);
      if (!current) throw noSuchRegion();
      if (current.version !== expectedVersion)
        throw new HttpError(
          409,
          'version_conflict',
          `the policy changed: it is at version ${current.version}`,
          undefined,
          { current: toView(current) }
        );
      const row: RegionPolicyRow = {
        id: regionId,
        maxRadiusKm: maxRadiusKm ?? current.row.maxRadiusKm,
        dispatchPolicy: { ...storedOverrides(current.row), ...overrides }
      };
      await updateRegionPolicy(tx, regionId, row);
      await appendEvents(tx, [
        {
          type: POLICY_CHANGED,
          aggregateType: 'region',
          aggregateId: regionId,
          actor: `user:${user.username}`,
          payload: { before: policyFor(current.row), after: policyFor(row), reason }
        }
      ]);
      return { row, version: current.version + 1 };
    });
    this.policies.set(changed.row);
    return toView(changed);
  }
}
