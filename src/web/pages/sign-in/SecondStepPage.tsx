import { Anchor, Text } from '@mantine/core';
import { Link, Navigate } from 'react-router';
import { AuthCard } from '../../components/Logo/AuthCard';
import { SecondStepForm } from '../../mfa/SecondStepForm';
import { useSignInDestination } from './next-path';

/** `/signin/verify`: the password was right; a code from the app finishes signing in. */
export function SecondStepPage() {
  const { next, signedIn, go } = useSignInDestination();
  if (signedIn) return <Navigate to={next} replace />;
  return (
    <AuthCard title="Two-step sign-in" subtitle="Enter the code your authenticator app shows for Carebeam">
      <SecondStepForm onSignedIn={() => go()} />
      <Text size="sm" ta="center">
        <Anchor component={Link} to="/signin">
          Sign in as someone else
        </Anchor>
      </Text>
    </AuthCard>
  );
}
