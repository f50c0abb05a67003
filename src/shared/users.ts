import { z } from 'zod';
import { singleLine } from './text';
import { ROLES } from './roles';
import { timeZoneSchema } from './time-zone';

export const roleSchema = z.enum(ROLES);

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: 'Enter a valid email address' }));

// NIST SP 800-63B: length over composition rules; 12 keeps brute force impractical.
export const passwordSchema = z
  .string()
  .min(12, { message: 'Use at least 12 characters' })
  .max(256, { message: 'Use at most 256 characters' });

export const personNameSchema = singleLine(
  z
    .string()
    .trim()
    .min(1, { message: 'Enter a name' })
    .max(200, { message: 'Use at most 200 characters' }),
);

const rolesSchema = z
  .array(roleSchema)
  .min(1, { message: 'Choose at least one role' })
  .transform((roles) => [...new Set(roles)]);

export const createUserSchema = z.object({
  name: personNameSchema,
  email: emailSchema,
  roles: rolesSchema,
  timeZone: timeZoneSchema,
});
export type CreateUserInput = z.output<typeof createUserSchema>;

export const updateUserSchema = z
  .object({
    name: personNameSchema,
    roles: rolesSchema,
    timeZone: timeZoneSchema,
    deactivated: z.boolean(),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'Nothing to change' });
export type UpdateUserInput = z.output<typeof updateUserSchema>;

export const loginSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, { message: 'Enter your password' }).max(256),
});

const organizationRefSchema = z.object({ id: z.uuid(), name: z.string(), timeZone: z.string() });

export const staffUserSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.email(),
    roles: z.array(roleSchema),
    timeZone: z.string(),
    deactivated: z.boolean(),
    invitation: z
      .enum(['pending', 'lapsed'])
      .nullable()
      .describe('Invited, no password chosen yet: pending while the emailed link works, lapsed once it expired or was revoked; null once they chose a password'),
    mfa: z.boolean().describe('Has set up two-step sign-in (an authenticator app)'),
  })
  .meta({ id: 'StaffUser', description: 'A staff member of the organization' });
export type StaffUser = z.infer<typeof staffUserSchema>;

export const meSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.email(),
    roles: z.array(roleSchema),
    timeZone: z.string(),
    organization: organizationRefSchema,
    signInIdleMinutes: z.number().int().positive().describe('After this many minutes without activity the sign-in ends; the web app locks its screen then.'),
  })
  .meta({ id: 'Me', description: 'The signed-in staff member and their organization' });
export type Me = z.infer<typeof meSchema>;
