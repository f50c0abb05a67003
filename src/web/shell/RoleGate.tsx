import type { ReactNode } from 'react';
import type { Role } from '../../shared/roles';
import { hasRole, useCurrentUser } from '../auth/sign-in';
import { NotFoundPage } from '../pages/not-found/NotFoundPage';

/** A page that only some roles may open; others see a calm "no access" page. */
export function RoleGate({ roles, children }: { readonly roles: Role[]; readonly children: ReactNode }) {
  const me = useCurrentUser();
  return hasRole(me, ...roles) ? children : <NotFoundPage reason="forbidden" />;
}
