import { z } from 'zod';

export const healthSchema = z
  .object({ status: z.string().describe('`ok`: a database that fails answers 500'), database: z.enum(['pglite', 'postgres']) })
  .meta({ id: 'Health', description: 'The app answers and its database runs queries' });

const checkSchema = z.enum(['ok', 'failed']);

export const readinessSchema = z
  .object({
    status: z.literal('ready'),
    checks: z.object({
      database: checkSchema.describe('answers a query within 2 s'),
      migrations: checkSchema.describe("its latest migration is this code's"),
      listen: checkSchema.describe('the LISTEN connection that brings other instances\u2019 live events is up'),
    }),
  })
  .meta({ id: 'Readiness', description: 'Ready for traffic: the database answers, is migrated, and live events arrive' });
export type Readiness = z.infer<typeof readinessSchema>;
