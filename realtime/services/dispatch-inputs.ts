// Turns stored orders and live technicians into the plain inputs the dispatch rules take.
import {
  countActiveAssignmentsOf,
  declinedTechnicians,
  type Database,
  type RegionRow,
  type WorkOrderRow
} from '../../db';
import { violations } from '../../dispatcher/dispatch/rules';
import {
  DEFAULT_POLICY,
  type CandidateTechnician,
  type DispatchOrder,
  type RegionPolicy
} from '../../dispatcher/dispatch/types';
import type { OrderPriority } from '../../dispatcher/work-order/intake';
import { SERVICE_TYPES, type ServiceTypeId } from '../../dispatcher/work-order/service-types';
import { haversineKm } from '../../geo/distance';
import type { LiveTechnician } from './fleet';

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

export function toCandidate(t: LiveTechnician, openOrders: number): CandidateTechnician {
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
    // Shifts are not modelled yet: a technician who is online counts as on shift.
    onShift: true,
    // Earnings arrive with settlements; until then fairness sees everyone equal.
    earnedThisMonthFen: 0
  };
}

export function policyFor(region: RegionRow | undefined): RegionPolicy {
  const own = (region?.dispatchPolicy ?? {}) as Partial<RegionPolicy>;
  return {
    ...DEFAULT_POLICY,
    ...own,
    weights: { ...DEFAULT_POLICY.weights, ...own.weights },
    maxRadiusKm: region?.maxRadiusKm ?? DEFAULT_POLICY.maxRadiusKm
  };
}

/** The hard rules a technician would break taking this order, as the override check needs them. */
export function hardRuleCheck(db: Database, regions: readonly RegionRow[]) {
  const byId = new Map(regions.map((r) => [r.id, r]));
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
      toCandidate(tech, load - alreadyTheirs),
      policyFor(byId.get(order.regionId)),
      haversineKm(dispatchOrder.location, tech.location)
    );
  };
}
