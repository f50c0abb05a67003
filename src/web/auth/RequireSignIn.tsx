import { Center, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { mfaStepOf, mfaStepPath, useMe } from './sign-in';
import { ScreenLock } from './ScreenLock';

/** Renders its children for a signed-in user; anyone else goes to sign-in and comes back after. */
export function RequireSignIn({ children }: { readonly children: ReactNode }) {
  const me = useMe();
  const location = useLocation();

  if (me.isPending) {
    return (
      <Center mih="100vh">
        <Loader role="status" aria-label="Loading" />
      </Center>
    );
  }
  const next = `${location.pathname}${location.search}`;
  // Password accepted, but the sign-in waits for its second factor or for enrolment.
  const step = mfaStepOf(me.error);
  if (step) return <Navigate to={mfaStepPath(step, next)} replace />;
  if (!me.data) {
    return <Navigate to={`/signin?next=${encodeURIComponent(next)}`} replace />;
  }
  return <ScreenLock me={me.data}>{children}</ScreenLock>;
}
