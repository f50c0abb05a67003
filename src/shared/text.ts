import type { z } from 'zod';

// Control characters (C0 including NUL, DEL, C1): in a name or title, a CR/LF would add a line to
// an .ics file or a mail header, and NUL is refused by PostgreSQL itself.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** A single-line text field (names, titles, labels): no control characters, line breaks included. */
export const singleLine = <T extends z.ZodString>(schema: T) =>
  schema.refine((value) => !CONTROL.test(value), { message: 'Use a single line without control characters' });
