// Turns stored orders and live technicians into the plain inputs the dispatch rules take.
import {
  availableStock,
  countActiveAssignmentsOf,
  declinedTechnicians,
  type Database,
  type RegionPolicyRow,
  type WorkOrderRow
} from '../../db';
import type { Clock } from '../../dispatcher/clock';
import { planParts } from '../../dispatcher/dispatch/parts';
import { effectivePolicy, type PolicyOverrides } from '../../dispatcher/dispatch/policy';
import { violations } from '../../dispatcher/dispatch/rules';
import {
  DEFAULT_POLICY,
  type CandidateTechnician,
  type DepotStock,
  type PartsPlan,
  type DispatchOrder,
  type RegionPolicy
} from '../../dispatcher/dispatch/types';
import { isOnShift } from '../../dispatcher/fleet/shift';
import type { OrderPriority } from '../../dispatcher/work-order/intake';
import { SERVICE_TYPES, type ServiceTypeId } from '../../dispatcher/work-order/service-types';
import { haversineKm } from '../../geo/distance';
import { PolicyOverridesSchema } from '../schemas/region-policy';
import type { LiveTechnician } from './fleet';
import type { RegionPolicies } from './region-policies';

export function toDispatchOrder(o: WorkOrderRow, declinedBy?: readonly string[]): DispatchOrder {
  const service = SERVICE_TYPES[o.serviceType as ServiceTypeId] ?? SERVICE_TYPES.general_repair;
  return {
    id: o.id,
    regionId: o.regionId,
    location: { lng: o.lng, lat: o.lat },
    priority: o.priority as OrderPriority,
    requiredSkills: service.skills,
    requiredCertifications: service.certifications,
    parts: o.parts,
    ...(declinedBy ? { declinedBy } : {})
  };
}

export function toCandidate(t: LiveTechnician, openOrders: number, now: Date): CandidateTechnician {
  return {
    id: t.id,
    regionId: t.regionId,
    location: t.location,
    status: t.status,
    skills: t.skills,
    certifications: t.certifications,
    rating: t.rating,
    capacity: t.capacity,
    openOrders,
    onShift: isOnShift(t.shift, now),
    // Earnings arrive with settlements; until then fairness sees everyone equal.
    earnedThisMonthFen: 0
  };
}

/** What the region changed of the default policy. */
export function storedOverrides(region: RegionPolicyRow): PolicyOverrides {
  const stored = PolicyOverridesSchema.safeParse(region.dispatchPolicy);
  // Only the API writes it, checked; a row edited by hand into nonsense gets the defaults, not a stop.
  return stored.success ? stored.data : {};
}

export function policyFor(region: RegionPolicyRow | undefined): RegionPolicy {
  return region
    ? effectivePolicy(storedOverrides(region), region.maxRadiusKm)
    : effectivePolicy({}, DEFAULT_POLICY.maxRadiusKm);
}

/** The hard rules a technician would break taking this order, as the override check needs them. */
export function hardRuleCheck(db: Database, regions: RegionPolicies, clock: Clock) {
  return async (order: WorkOrderRow, tech: LiveTechnician): Promise<string[]> => {
    // The order's current assignee already counts towards their own load.
    const [load, declined] = await Promise.all([
      countActiveAssignmentsOf(db, tech.id),
      declinedTechnicians(db, [order.id])
    ]);
    const alreadyTheirs = order.assignedTechnicianId === tech.id ? 1 : 0;
    const dispatchOrder = toDispatchOrder(order, declined.get(order.id));
    return violations(
      dispatchOrder,
      toCandidate(tech, load - alreadyTheirs, clock.now()),
      policyFor(regions.get(order.regionId)),
      haversineKm(dispatchOrder.location, tech.location)
    );
  };
}

/** The depots' available stock of the SKUs these orders need, as dispatch reads it. */
export async function depotsFor(
  db: Database,
  orders: readonly Pick<WorkOrderRow, 'parts'>[]
): Promise<DepotStock[]> {
  const skus = [...new Set(orders.flatMap((o) => o.parts.map((p) => p.sku)))];
  const depots = new Map<string, DepotStock & { available: Record<string, number> }>();
  for (const s of await availableStock(db, skus)) {
    let d = depots.get(s.depotId);
    if (!d) {
      d = { depotId: s.depotId, regionId: s.regionId, location: { lng: s.lng, lat: s.lat }, available: {} };
      depots.set(s.depotId, d);
    }
    d.available[s.sku] = s.available;
  }
  return [...depots.values()];
}

/** Where a technician chosen by hand would pick up the order's parts, and what would have to be shipped. */
export function partsPlanner(db: Database, regions: RegionPolicies) {
  return async (order: WorkOrderRow, tech: LiveTechnician): Promise<PartsPlan> =>
    planParts(
      toDispatchOrder(order),
      tech.location,
      await depotsFor(db, [order]),
      policyFor(regions.get(order.regionId)).maxRadiusKm
    );
}
