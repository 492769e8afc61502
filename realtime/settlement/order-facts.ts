// The quote facts of a stored order. The city tier and the altitude are those of the city the order was
// placed in at intake (`work_orders.city_id`): a city's centre stands for its service area, which on the
// plateau is close enough (Lhasa's districts all lie above 3,000 m). The parts are those held for the
// order now, at cost.
import type { HeldPart, WorkOrderRow } from '../../db';
import type { PriceTable } from '../../dispatcher/pricing/price-table';
import type { QuoteFacts } from '../../dispatcher/pricing/rules';
import type { EpochMs } from '../../dispatcher/sla/time';
import type { OrderPriority } from '../../dispatcher/work-order/intake';
import { CITIES, type RegionId } from '../../geo/cities';

const CITY_BY_ID = new Map(CITIES.map((c) => [c.id, c]));

/**
 * A city outside the bundled list (added to the database later) prices as a tier-3 city of unknown
 * altitude (no plateau surcharge).
 */
function placeOf(cityId: string): Pick<QuoteFacts, 'cityTier' | 'altitudeM'> {
  const city = CITY_BY_ID.get(cityId);
  return { cityTier: city?.tier ?? 3, altitudeM: city?.elevationM ?? null };
}

/** The table's item for a service type: the one named after it, else the first of that type. */
function itemFor(table: PriceTable, serviceType: string): string {
  const named = table.items.find((i) => i.id === serviceType);
  return (named ?? table.items.find((i) => i.serviceType === serviceType))?.id ?? serviceType;
}

/**
 * Depot stock is the company's: its parts are paid back to the platform at cost, outside the split of the
 * labour (quote.ts keeps them out of `labour`).
 */
const atCost = (held: readonly HeldPart[]): QuoteFacts['parts'] =>
  held.map((p) => ({
    sku: p.sku,
    name: p.name,
    quantity: p.qty,
    unitCost: p.unitCostFen,
    supplier: 'platform'
  }));

export function orderQuoteFacts(
  order: WorkOrderRow,
  table: PriceTable,
  technicianRegionId: RegionId | null,
  serviceAt: EpochMs,
  held: readonly HeldPart[]
): QuoteFacts {
  const regionId = order.regionId as RegionId;
  return {
    itemId: itemFor(table, order.serviceType),
    regionId,
    ...placeOf(order.cityId),
    serviceAt,
    priority: order.priority as OrderPriority,
    technicianRegionId,
    parts: atCost(held)
  };
}
