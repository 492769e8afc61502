// The orders the SLA-risk heatmap weighs: those whose SLA still counts (open on the board), with where
// they are and their clocks; the weighing is the domain's (dispatcher/insights/sla-risk.ts).
import { and, eq, inArray } from 'drizzle-orm';
import { orderSla, workOrders } from '../schema';
import type { Executor } from '../client';
import { HEAT_ORDER_COLUMNS, type DemandOrderRow } from './demand';

export type SlaRiskOrderRow = DemandOrderRow & {
  regionId: string;
  cityId: string;
  clocks: (typeof orderSla.$inferSelect)['clocks'];
};

export async function openSlaOrders(
  db: Executor,
  regionIds: readonly string[],
  cityId?: string
): Promise<SlaRiskOrderRow[]> {
  return db
    .select({
      ...HEAT_ORDER_COLUMNS,
      regionId: workOrders.regionId,
      cityId: workOrders.cityId,
      clocks: orderSla.clocks
    })
    .from(orderSla)
    .innerJoin(workOrders, eq(workOrders.id, orderSla.orderId))
    .where(
      and(
        eq(orderSla.open, true),
        inArray(orderSla.regionId, [...regionIds]),
        cityId === undefined ? undefined : eq(workOrders.cityId, cityId)
      )
    );
}
