import { z } from 'zod';

export const ROLES = ['admin', 'dispatcher', 'provider'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  dispatcher: 'Dispatcher',
  provider: 'Provider',
};
