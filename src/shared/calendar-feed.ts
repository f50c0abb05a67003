import { z } from 'zod';

export const calendarFeedSchema = z
  .object({ url: z.url(), webcal: z.string() })
  .meta({ id: 'CalendarFeed', description: 'The private address of a calendar feed of the sessions one hosts; a new one replaces the old' });
export type CalendarFeed = z.infer<typeof calendarFeedSchema>;
