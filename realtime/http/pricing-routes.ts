// The price table editor: a table and its versions, a region's coefficients, the live preview, and the
// admins' approval queue for changes beyond headquarters' bounds.
import { Router } from 'express';
import type { PriceTableService } from '../pricing/price-table-service';
import {
  ApprovalDecisionSchema,
  ApprovalsQuerySchema,
  PreviewSchema,
  RegionChangeSchema,
  RegionParamSchema
} from '../schemas/pricing-edits';
import { parseInput } from './errors';
import { authOf, jsonBody } from './middleware';
import { idOf } from './work-order-routes';

// After spread middleware Express types a path parameter loosely; an empty one is simply none.
const param = (raw: string | string[] | undefined): string => (typeof raw === 'string' ? raw : '');

/** The table the preview prices against when the request names none: the demo company's only one. */
const DEFAULT_TABLE = 'cn-standard';
const requestId = idOf('change request');

export function pricingRoutes(pricing: PriceTableService): Router {
  const r = Router();
  r.get('/pricing/tables/:id', async (req, res) => {
    const { user } = authOf(res);
    res.json(await pricing.read(user, param(req.params.id)));
  });
  r.put('/pricing/tables/:id/regions/:regionId', ...jsonBody, async (req, res) => {
    const { regionId } = parseInput(RegionParamSchema, { regionId: param(req.params.regionId) });
    const input = parseInput(RegionChangeSchema, req.body);
    const { user } = authOf(res);
    const result = await pricing.changeRegion(user, param(req.params.id), regionId, input);
    res.status(result.status === 'saved' ? 200 : 202).json(result);
  });
  r.post('/pricing/preview', ...jsonBody, async (req, res) => {
    const input = parseInput(PreviewSchema, req.body);
    const { user } = authOf(res);
    res.json(await pricing.preview(user, DEFAULT_TABLE, input));
  });
  r.get('/pricing/approvals', async (req, res) => {
    const { status } = parseInput(ApprovalsQuerySchema, req.query);
    const { user } = authOf(res);
    res.json(await pricing.approvals(user, status));
  });
  r.post('/pricing/approvals/:id', ...jsonBody, async (req, res) => {
    const id = requestId(req.params.id);
    const input = parseInput(ApprovalDecisionSchema, req.body);
    const { user } = authOf(res);
    res.json(await pricing.decide(user, id, input));
  });
  return r;
}
