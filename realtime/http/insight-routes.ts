// Managers' and executives' views of the whole operation. Scoping is the service's: a region outside the
// caller's is refused here, not only hidden in the console.
import { Router } from 'express';
import { HeatmapQuerySchema, ProfitQuerySchema } from '../schemas/insights';
import type { HeatmapService } from '../services/insights/heatmap';
import type { ProfitService } from '../services/insights/profit';
import { parseInput } from './errors';
import { authOf } from './middleware';

export function insightRoutes(heatmaps: HeatmapService, profits: ProfitService): Router {
  const r = Router();
  r.get('/insights/heatmap', async (req, res) => {
    const query = parseInput(HeatmapQuerySchema, req.query);
    res.json(await heatmaps.view(authOf(res).user, query));
  });
  r.get('/insights/profit', async (req, res) => {
    const query = parseInput(ProfitQuerySchema, req.query);
    res.json(await profits.view(authOf(res).user, query));
  });
  return r;
}
