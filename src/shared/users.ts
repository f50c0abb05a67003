import { z } from 'zod';
import { ROLES, type Role } from './roles';
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

export const personNameSchema = z
  .string()
  .trim()
  .min(1, { message: 'Enter a name' })
  .max(200, { message: 'Use at most 200 characters' });

const rolesSchema = z
  .array(roleSchema)
  .min(1, { message: 'Choose at least one role' })
  .transform((roles) => [...new Set(roles)]);

export const createUserSchema = z.object({
  name: personNameSchema,
  email: emailSchema,
  roles: rolesSchema,
  timeZone: timeZoneSchema,
  password: passwordSchema,
});
export type CreateUserInput = z.output<typeof createUserSchema>;

export const updateUserSchema = z
  .object({
    name: personNameSchema,
    roles: rolesSchema,
    timeZone: timeZoneSchema,
    deactivated: z.boolean(),
    password: passwordSchema,
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'Nothing to change' });
export type UpdateUserInput = z.output<typeof updateUserSchema>;

export const loginSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, { message: 'Enter your password' }).max(256),
});

export interface StaffUser {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  timeZone: string;
  deactivated: boolean;
}

export interface Me {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  timeZone: string;
  organization: { id: string; name: string; timeZone: string };
  /** After this many minutes without activity the sign-in ends; the web app locks its screen then. */
  sessionIdleMinutes: number;
}
