import { z } from 'zod';

export const ListDepotsQuerySchema = z.object({ regionId: z.string().min(1).max(64).optional() });
