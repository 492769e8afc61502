// Hard rules: a candidate who breaks one is never chosen by auto-dispatch. Only a supervisor can assign
// such a technician, with an explicit confirmation that is recorded.
import type { CandidateTechnician, DispatchOrder, HardRule, RegionPolicy } from './types';

export function isCrossRegion(order: DispatchOrder, technician: CandidateTechnician): boolean {
  return technician.regionId !== order.regionId;
}

/**
 * Every hard rule the technician breaks for this order, in `HARD_RULES` order; empty when eligible.
 * `distanceKm` is the great-circle distance from technician to customer (haversineKm(order, technician)).
 */
export function violations(
  order: DispatchOrder,
  technician: CandidateTechnician,
  policy: RegionPolicy,
  distanceKm: number
): HardRule[] {
  const broken: HardRule[] = [];
  // Written as "not within" so that a NaN distance (a technician without a position) counts as too far.
  if (!(distanceKm <= policy.maxRadiusKm)) broken.push('radius');
  if (!policy.allowCrossRegion && isCrossRegion(order, technician)) broken.push('region');
  if (technician.status === 'offline') broken.push('offline');
  if (!technician.onShift) broken.push('off_shift');
  if (order.requiredSkills.some((s) => !technician.skills.includes(s))) broken.push('skill');
  if (order.requiredCertifications.some((c) => !technician.certifications.includes(c))) {
    broken.push('certification');
  }
  // The chosen technician must still be within the limit after taking this order.
  if (!(technician.openOrders < technician.capacity)) broken.push('capacity');
  if (hasDeclined(order, technician)) broken.push('declined');
  return broken;
}

export function hasDeclined(order: DispatchOrder, technician: CandidateTechnician): boolean {
  return order.declinedBy !== undefined && order.declinedBy.includes(technician.id);
}

function hasAll(required: readonly string[], has: readonly string[]): boolean {
  for (const item of required) if (!has.includes(item)) return false;
  return true;
}

/** `violations(…).length === 0`, without building the list: the check auto-dispatch runs on every candidate. */
export function isEligible(
  order: DispatchOrder,
  technician: CandidateTechnician,
  policy: RegionPolicy,
  distanceKm: number
): boolean {
  return (
    distanceKm <= policy.maxRadiusKm &&
    technician.openOrders < technician.capacity &&
    technician.onShift &&
    technician.status !== 'offline' &&
    (policy.allowCrossRegion || !isCrossRegion(order, technician)) &&
    hasAll(order.requiredSkills, technician.skills) &&
    hasAll(order.requiredCertifications, technician.certifications) &&
    !hasDeclined(order, technician)
  );
}
