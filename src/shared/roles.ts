export const ROLES = ['admin', 'dispatcher', 'provider'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  dispatcher: 'Dispatcher',
  provider: 'Provider',
};
