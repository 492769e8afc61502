// The quote facts of a stored order. The city tier is that of the city the order was placed in at intake
// (`work_orders.city_id`); no elevation data, so altitude is unknown (no plateau surcharge); no parts are
// charged until the job reports what it fitted.
import type { WorkOrderRow } from '../../db';
import type { PriceTable } from '../../dispatcher/pricing/price-table';
import type { QuoteFacts } from '../../dispatcher/pricing/rules';
import type { EpochMs } from '../../dispatcher/sla/time';
import type { OrderPriority } from '../../dispatcher/work-order/intake';
import { CITIES, type RegionId } from '../../geo/cities';

const TIER_OF_CITY = new Map(CITIES.map((c) => [c.id, c.tier]));

/** A city outside the bundled list (added to the database later) prices as a tier-3 city. */
const cityTierOf = (cityId: string): QuoteFacts['cityTier'] => TIER_OF_CITY.get(cityId) ?? 3;

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
    cityTier: cityTierOf(order.cityId),
    altitudeM: null,
    serviceAt,
    priority: order.priority as OrderPriority,
    technicianRegionId,
    parts: []
  };
}
