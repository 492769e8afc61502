// Each region's dispatch policy columns, and the audit events that count its versions: a policy is at
// version 1 until its first change, and each `region.policy_changed` event adds one.
import { and, asc, eq, sql } from 'drizzle-orm';
import { events, regions } from '../schema';
import type { Executor, Transaction } from '../client';

export const POLICY_CHANGED = 'region.policy_changed';

export interface RegionPolicyRow {
  id: string;
  maxRadiusKm: number;
  /** The region's overrides of the default policy, as stored (unchecked). */
  dispatchPolicy: Record<string, unknown>;
}

export interface VersionedRegionPolicy {
  row: RegionPolicyRow;
  version: number;
}

const columns = {
  id: regions.id,
  maxRadiusKm: regions.maxRadiusKm,
  dispatchPolicy: regions.dispatchPolicy
};

const changesOf = (regionId: string | typeof regions.id) =>
  and(eq(events.aggregateType, 'region'), eq(events.aggregateId, regionId), eq(events.type, POLICY_CHANGED));

export const listRegionPolicies = (db: Executor): Promise<RegionPolicyRow[]> =>
  db.select(columns).from(regions).orderBy(asc(regions.id));

/** The policy and its version in one statement, so they always belong together. */
export async function findRegionPolicy(db: Executor, id: string): Promise<VersionedRegionPolicy | undefined> {
  const [found] = await db
    .select({
      ...columns,
      changes: sql<number>`(select count(*)::int from ${events} where ${changesOf(regions.id)})`
    })
    .from(regions)
    .where(eq(regions.id, id));
  if (!found) return undefined;
  const { changes, ...row } = found;
  return { row, version: changes + 1 };
}

/**
 * The policy locked for a change until the transaction ends. The version is counted after the lock is
 * held, so it includes a change committed by whoever held the lock before.
 */
export async function lockRegionPolicy(
  tx: Transaction,
  id: string
): Promise<VersionedRegionPolicy | undefined> {
  const [row] = await tx.select(columns).from(regions).where(eq(regions.id, id)).for('update');
  if (!row) return undefined;
  return { row, version: (await tx.$count(events, changesOf(id))) + 1 };
}

export async function updateRegionPolicy(
  tx: Transaction,
  id: string,
  change: Pick<RegionPolicyRow, 'maxRadiusKm' | 'dispatchPolicy'>
): Promise<void> {
  await tx.update(regions).set(change).where(eq(regions.id, id));
}
