import { z } from 'zod';
import { isTimeZone } from './time-zone-name';

export { isTimeZone } from './time-zone-name';

export const timeZoneSchema = z.string().refine(isTimeZone, { message: 'Unknown IANA time zone' });
