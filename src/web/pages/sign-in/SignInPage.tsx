import { Anchor, Text } from '@mantine/core';
import { Link, Navigate, useSearchParams } from 'react-router';
import { mfaStepPath } from '../../auth/sign-in';
import { SignInForm } from '../../auth/SignInForm';
import { AuthCard } from '../../components/Logo/AuthCard';
import { useSignInDestination } from './next-path';

export function SignInPage() {
  const [params] = useSearchParams();
  const { next, signedIn, go } = useSignInDestination();

  if (signedIn) return <Navigate to={next} replace />;

  return (
    <AuthCard title="Sign in to Carebeam" subtitle="Clinic staff sign-in">
      {params.get('expired') === '1' && (
        <Text size="sm" role="status">
          You were signed out. Sign in again to go back to where you were.
        </Text>
      )}
      {/* A second factor (or the enrolment the organization requires) comes next on its own page. */}
      <SignInForm onSignedIn={(result) => go('mfaStep' in result ? mfaStepPath(result.mfaStep, next) : next)} />
      <Anchor component={Link} to="/forgot-password" size="sm" ta="center">
        Forgot password?
      </Anchor>
    </AuthCard>
  );
}
