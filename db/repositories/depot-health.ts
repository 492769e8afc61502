// Each depot with the stock lines it holds below their safety level, for the map. One query: the lines
// are gathered per depot in SQL, so the answer costs the same for 5 depots or 500.
import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import { depotStock, depots } from '../schema';
import type { Executor } from '../client';

export interface LowStockLine {
  sku: string;
  available: number;
  safetyLevel: number;
}

export interface DepotHealthRow {
  id: string;
  name: string;
  regionId: string;
  lng: number;
  lat: number;
  /** Lines whose on hand − reserved is under the safety level, largest shortfall first. */
  lowStock: LowStockLine[];
}

const available = sql`${depotStock.onHand} - ${depotStock.reserved}`;

export async function listDepotHealth(db: Executor, regionIds: readonly string[]): Promise<DepotHealthRow[]> {
  if (regionIds.length === 0) return [];
  return db
    .select({
      id: depots.id,
      name: depots.name,
      regionId: depots.regionId,
      lng: depots.lng,
      lat: depots.lat,
      lowStock: sql<LowStockLine[]>`coalesce(
        json_agg(json_build_object(
          'sku', ${depotStock.sku},
          'available', ${available},
          'safetyLevel', ${depotStock.safetyLevel}
        ) order by ${depotStock.safetyLevel} - (${available}) desc, ${depotStock.sku})
        filter (where ${depotStock.sku} is not null),
        '[]'::json)`
    })
    .from(depots)
    .leftJoin(depotStock, and(eq(depotStock.depotId, depots.id), lt(available, depotStock.safetyLevel)))
    .where(inArray(depots.regionId, [...regionIds]))
    .groupBy(depots.id)
    .orderBy(asc(depots.id));
}
