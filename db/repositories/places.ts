// Regions, cities and depots: the slowly changing geography every service reads at start.
import { asc } from 'drizzle-orm';
import { cities, depots, parts, depotStock, regions } from '../schema';
import type { Executor } from '../client';

export type RegionRow = typeof regions.$inferSelect;
export type CityRow = typeof cities.$inferSelect;
export type DepotRow = typeof depots.$inferSelect;

export const listRegions = (db: Executor): Promise<RegionRow[]> =>
  db.select().from(regions).orderBy(asc(regions.id));
export const listCities = (db: Executor): Promise<CityRow[]> =>
  db.select().from(cities).orderBy(asc(cities.id));
export const listDepots = (db: Executor): Promise<DepotRow[]> =>
  db.select().from(depots).orderBy(asc(depots.id));

export interface GeographySeed {
  regions: (typeof regions.$inferInsert)[];
  cities: (typeof cities.$inferInsert)[];
  depots: (typeof depots.$inferInsert)[];
  parts: (typeof parts.$inferInsert)[];
  stock: (typeof depotStock.$inferInsert)[];
}

export async function insertRegions(db: Executor, rows: GeographySeed['regions']): Promise<void> {
  await db.insert(regions).values(rows);
}

export async function insertCities(db: Executor, rows: GeographySeed['cities']): Promise<void> {
  await db.insert(cities).values(rows);
}

/** Depots, the parts catalogue and what each depot holds. */
export async function insertStock(
  db: Executor,
  seed: Pick<GeographySeed, 'depots' | 'parts' | 'stock'>
): Promise<void> {
  await db.insert(depots).values(seed.depots);
  await db.insert(parts).values(seed.parts);
  for (let i = 0; i < seed.stock.length; i += 2000)
    await db.insert(depotStock).values(seed.stock.slice(i, i + 2000));
}
