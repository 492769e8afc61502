// The quote facts of a stored order. Orders keep no city yet, so the city tier is the nearest city's of
// the order's region; no elevation data either, so altitude is unknown (no plateau surcharge); no parts
// are charged until the job reports what it fitted.
import type { WorkOrderRow } from '../../db';
import type { PriceTable } from '../../dispatcher/pricing/price-table';
import type { QuoteFacts } from '../../dispatcher/pricing/rules';
import type { EpochMs } from '../../dispatcher/sla/time';
import type { OrderPriority } from '../../dispatcher/work-order/intake';
import { CITIES, type RegionId } from '../../geo/cities';
import { haversineKm } from '../../geo/distance';

function cityTierAt(regionId: RegionId, at: { lng: number; lat: number }): QuoteFacts['cityTier'] {
  let best: { tier: QuoteFacts['cityTier']; km: number } = { tier: 3, km: Infinity };
  for (const c of CITIES) {
    if (c.regionId !== regionId) continue;
    const km = haversineKm(c, at);
    if (km < best.km) best = { tier: c.tier, km };
  }
  return best.tier;
}

/** The table's item for a service type: the one named after it, else the first of that type. */
function itemFor(table: PriceTable, serviceType: string): string {
  const named = table.items.find((i) => i.id === serviceType);
  return (named ?? table.items.find((i) => i.serviceType === serviceType))?.id ?? serviceType;
}

export function orderQuoteFacts(
  order: WorkOrderRow,
  table: PriceTable,
  technicianRegionId: RegionId | null,
  serviceAt: EpochMs
): QuoteFacts {
  const regionId = order.regionId as RegionId;
  return {
    itemId: itemFor(table, order.serviceType),
    regionId,
    cityTier: cityTierAt(regionId, order),
    altitudeM: null,
    serviceAt,
    priority: order.priority as OrderPriority,
    technicianRegionId,
    parts: []
  };
}
