import { z } from 'zod';

export const LngLatSchema = z.object({
  lng: z.number().finite().min(-180).max(180),
  lat: z.number().finite().min(-90).max(90)
});
