import { z } from 'zod';
import { HEATMAP_LAYERS } from '../../dispatcher/insights/heatmap';

const Instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

/** `GET /api/insights/heatmap`: no regionId is the nation; a cityId alone implies its region. */
export const HeatmapQuerySchema = z.object({
  layer: z.enum(HEATMAP_LAYERS).default('demand'),
  regionId: z.string().min(1).max(64).optional(),
  cityId: z.string().min(1).max(64).optional(),
  from: Instant.optional(),
  to: Instant.optional()
});
export type HeatmapQuery = z.infer<typeof HeatmapQuerySchema>;
