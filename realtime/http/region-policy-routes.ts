// A region's dispatch policy: read by its supervisors, changed by admins.
import { Router } from 'express';
import { PolicyChangeSchema } from '../schemas/region-policy';
import type { DispatchPolicyService } from '../services/dispatch-policy';
import { parseInput } from './errors';
import { authOf, jsonBody } from './middleware';

// After spread middleware Express types a path parameter loosely; an empty id is simply no region.
const regionId = (raw: string | string[] | undefined): string => (typeof raw === 'string' ? raw : '');

export function regionPolicyRoutes(policies: DispatchPolicyService): Router {
  const r = Router();
  r.get('/regions/:id/dispatch-policy', async (req, res) => {
    const { user } = authOf(res);
    res.json(await policies.read(user, regionId(req.params.id)));
  });
  r.put('/regions/:id/dispatch-policy', ...jsonBody, async (req, res) => {
    const input = parseInput(PolicyChangeSchema, req.body);
    const { user } = authOf(res);
    res.json(await policies.change(user, regionId(req.params.id), input));
  });
  return r;
}
