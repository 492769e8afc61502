// Depots with their stock health for the map. No customer data is here, so every role that sees a region
// (finance and executives included) sees its depots.
import { Router } from 'express';
import { listDepotHealth, type Database, type DepotHealthRow } from '../../db';
import type { Clock } from '../../dispatcher/clock';
import type { DepotList, DepotView } from '../contract';
import { ListDepotsQuerySchema } from '../schemas/depots';
import { parseInput } from './errors';
import { authOf } from './middleware';
import { regionsToList } from './region-query';

const view = ({ id, name, regionId, lng, lat, lowStock }: DepotHealthRow): DepotView => ({
  id,
  name,
  regionId,
  location: { lng, lat },
  lowStockCount: lowStock.length,
  lowStock
});

export function depotRoutes(db: Database, clock: Clock, allRegionIds: readonly string[]): Router {
  const r = Router();
  r.get('/depots', async (req, res) => {
    const { regionId } = parseInput(ListDepotsQuerySchema, req.query);
    const regionIds = regionsToList(authOf(res).user, regionId, allRegionIds);
    // The time is read before the rows: the console keeps every alert stamped after it, so an alert that
    // lands while the rows are read is not lost (one the rows already hold is merely applied twice).
    const at = clock.now().toISOString();
    const rows = await listDepotHealth(db, regionIds);
    res.json({ at, items: rows.map(view) } satisfies DepotList);
  });
  return r;
}
