import { Router } from 'express';
import type { TechnicianView } from '../contract';
import { ListTechniciansQuerySchema } from '../schemas/technicians';
import type { Fleet, LiveTechnician } from '../services/fleet';
import { parseInput } from './errors';
import { authOf } from './middleware';
import { assertKnownRegion, regionsToList } from './region-query';

const view = ({ id, name, regionId, status, skills, rating, location }: LiveTechnician): TechnicianView => ({
  id,
  name,
  regionId,
  status,
  skills,
  rating,
  location
});

export function technicianRoutes(fleet: Fleet, allRegionIds: readonly string[]): Router {
  const r = Router();
  r.get('/technicians', (req, res) => {
    const { regionId } = parseInput(ListTechniciansQuerySchema, req.query);
    const { user } = authOf(res);
    if (user.role === 'technician') {
      assertKnownRegion(regionId, allRegionIds);
      const self = user.technicianId ? fleet.get(user.technicianId) : undefined;
      res.json({ items: self && (!regionId || self.regionId === regionId) ? [view(self)] : [] });
      return;
    }
    res.json({ items: fleet.inRegions(regionsToList(user, regionId, allRegionIds)).map(view) });
  });
  return r;
}
