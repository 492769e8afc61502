import { z } from 'zod';
import { HEATMAP_LAYERS } from '../../dispatcher/insights/heatmap';
import { isTimeZone } from '../../dispatcher/insights/profit';

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

/**
 * `GET /api/insights/profit`: `tz` is the viewer's IANA zone, which decides the days of the trend. Offsets
 * such as '+08:00' are refused: the database reads their sign the other way round (POSIX).
 */
export const ProfitQuerySchema = z.object({
  regionId: z.string().min(1).max(64).optional(),
  from: Instant.optional(),
  to: Instant.optional(),
  tz: z
    .string()
    .max(64)
    .regex(/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/, {
      message: 'not an IANA time zone name',
      abort: true
    })
    .refine(isTimeZone, 'unknown time zone')
    .default('Asia/Shanghai')
});
export type ProfitQuery = z.infer<typeof ProfitQuerySchema>;
