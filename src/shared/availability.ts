import { z } from 'zod';

export const availabilitySchema = z
  .object({
    hostId: z.uuid(),
    timeZone: z.string().describe("The host's zone: the days of the asked range are theirs."),
    slots: z.array(z.object({ start: z.iso.datetime(), end: z.iso.datetime() })),
  })
  .meta({ id: 'Availability', description: 'The free start times of a host for a service, exactly as a booking would accept them' });
export type Availability = z.infer<typeof availabilitySchema>;

/** The longest window one query may span, and the window a query without one gets from now. */
export const AVAILABILITY_WINDOW_DAYS = 62;
