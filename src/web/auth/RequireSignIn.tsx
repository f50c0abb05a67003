import { Center, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useMe } from './session';
import { SessionLock } from './SessionLock';

/** Renders its children for a signed-in user; anyone else goes to sign-in and comes back after. */
export function RequireSignIn({ children }: { readonly children: ReactNode }) {
  const me = useMe();
  const location = useLocation();

  if (me.isPending) {
    return (
      <Center mih="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/signin?next=${encodeURIComponent(next)}`} replace />;
  }
  return <SessionLock me={me.data}>{children}</SessionLock>;
}
