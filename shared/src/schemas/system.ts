import { z } from 'zod';

/** GET /healthz */
export const HealthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  db: z.enum(['ok', 'down']),
  engine: z.enum(['ferretdb', 'mongodb']),
  version: z.string(),
});
export type Health = z.infer<typeof HealthSchema>;
