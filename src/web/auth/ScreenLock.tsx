import { Box, Button, Center, FocusTrap, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import type { Me } from '../../shared/users';
import { api, onSignInEnded } from '../api/client';
import { forgetStaffDrafts } from '../lib/staff-drafts';
import { SecondStepForm } from '../mfa/SecondStepForm';
import { ME_KEY, mfaStepPath, type SignInResult } from './sign-in';
import { SignInForm } from './SignInForm';

type LockReason = 'idle' | 'expired';

const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/** Calls `callback` once the person has done nothing for `timeout` ms; returns the unsubscribe. */
function onIdle(timeout: number, callback: () => void): () => void {
  let timer = setTimeout(callback, timeout);
  const reset = () => {
    clearTimeout(timer);
    timer = setTimeout(callback, timeout);
  };
  ACTIVITY_EVENTS.forEach((event) => window.addEventListener(event, reset, { passive: true }));
  return () => {
    clearTimeout(timer);
    ACTIVITY_EVENTS.forEach((event) => window.removeEventListener(event, reset));
  };
}

/**
 * When the sign-in ends (idle timeout, or the server says so) the page stays mounted under an
 * opaque lock, so nothing typed is lost and no patient data stays visible; signing in again
 * as the same person unlocks it in place.
 */
export function ScreenLock({ me, children }: { readonly me: Me; readonly children: ReactNode }) {
  const [locked, setLocked] = useState<LockReason | null>(null);
  /** The password was right; the code from the app is still to come. */
  const [secondStep, setSecondStep] = useState(false);
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  useEffect(() => onSignInEnded(() => setLocked((current) => current ?? 'expired')), []);
  useEffect(
    () =>
      onIdle(me.signInIdleMinutes * 60_000, () => {
        setLocked((current) => current ?? 'idle');
        void api('/auth/logout', { method: 'POST' }).catch(() => undefined);
      }),
    [me.signInIdleMinutes],
  );

  const afterPassword = (result: SignInResult) => {
    if (!('mfaStep' in result)) return unlock(result);
    // The second factor is asked for here, so the page under the lock stays as it was.
    if (result.mfaStep === 'challenge') return setSecondStep(true);
    queryClient.clear();
    navigate(mfaStepPath('enrol', '/appointments'), { replace: true });
  };

  const unlock = (signedIn: Me) => {
    setSecondStep(false);
    if (signedIn.id !== me.id) {
      // Someone else signed in: nothing of the previous person's screen may carry over.
      queryClient.clear();
      forgetStaffDrafts();
      queryClient.setQueryData(ME_KEY, signedIn);
      navigate('/appointments', { replace: true });
    }
    setLocked(null);
  };

  const switchUser = () => {
    queryClient.clear();
    queryClient.setQueryData(ME_KEY, null);
    navigate('/signin', { replace: true });
  };

  return (
    <>
      <Box aria-hidden={locked ? true : undefined} style={locked ? { visibility: 'hidden' } : undefined}>
        {children}
      </Box>
      {locked && (
        // Above every drawer and modal (they are portaled to <body>), and opaque: while
        // locked nothing of the page, including patient data in open panels, is visible.
        <Center pos="fixed" inset={0} bg="gray.1" style={{ zIndex: 10_000 }} p="md">
          <FocusTrap active>
            <Paper
              role="dialog"
              aria-modal="true"
              aria-labelledby="screen-lock-title"
              withBorder
              shadow="md"
              radius="md"
              p="xl"
              w="100%"
              maw={420}
            >
              <Stack gap="md">
                <Title order={2} size="h3" id="screen-lock-title">
                  Screen locked
                </Title>
                <Text size="sm">
                  {locked === 'idle'
                    ? `You were signed out after ${me.signInIdleMinutes} minutes without activity.`
                    : 'You were signed out.'}{' '}
                  Sign in again to continue where you left off.
                </Text>
                {secondStep ? <SecondStepForm onSignedIn={unlock} /> : <SignInForm initialEmail={me.email} emailLocked onSignedIn={afterPassword} />}
                <Button variant="subtle" onClick={switchUser}>
                  Sign in as someone else
                </Button>
              </Stack>
            </Paper>
          </FocusTrap>
        </Center>
      )}
    </>
  );
}
