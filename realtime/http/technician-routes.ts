import { Router } from 'express';
import { formatMinuteOfDay } from '../../dispatcher/fleet/shift';
import { permittedRegions } from '../auth/scope';
import type { TechnicianView } from '../contract';
import { ListTechniciansQuerySchema } from '../schemas/technicians';
import type { Fleet, LiveTechnician } from '../services/fleet';
import { HttpError, parseInput } from './errors';
import { authOf } from './middleware';

const view = ({
  id,
  name,
  regionId,
  status,
  skills,
  rating,
  location,
  shift
}: LiveTechnician): TechnicianView => ({
  id,
  name,
  regionId,
  status,
  skills,
  rating,
  location,
  shift: shift && { start: formatMinuteOfDay(shift.startMin), end: formatMinuteOfDay(shift.endMin) }
});

export function technicianRoutes(fleet: Fleet, allRegionIds: readonly string[]): Router {
  const r = Router();
  r.get('/technicians', (req, res) => {
    const { regionId } = parseInput(ListTechniciansQuerySchema, req.query);
    const { user } = authOf(res);
    if (regionId && !allRegionIds.includes(regionId))
      throw new HttpError(422, 'validation_failed', 'unknown region', [
        { path: 'regionId', message: 'unknown region' }
      ]);
    if (user.role === 'technician') {
      const self = user.technicianId ? fleet.get(user.technicianId) : undefined;
      res.json({ items: self && (!regionId || self.regionId === regionId) ? [view(self)] : [] });
      return;
    }
    const visible = permittedRegions(user, allRegionIds);
    if (regionId && !visible.includes(regionId))
      throw new HttpError(403, 'forbidden', `region ${regionId} is outside your regions`);
    res.json({ items: fleet.inRegions(regionId ? [regionId] : visible).map(view) });
  });
  return r;
}
