import { z } from 'zod';

/** GET /healthz */
export const HealthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  db: z.enum(['ok', 'down']),
  engine: z.enum(['ferretdb', 'mongodb']),
  /** what stores the documents: the embedded FerretDB's PostgreSQL or SQLite, MongoDB itself, or an external FerretDB's (unknown) */
  backend: z.enum(['postgresql', 'sqlite', 'mongodb', 'unknown']),
  version: z.string(),
});
export type Health = z.infer<typeof HealthSchema>;
