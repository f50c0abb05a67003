import { Anchor, Text } from '@mantine/core';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { SignInForm } from '../../auth/SignInForm';
import { fullySignedIn, mfaStepPath, useMe } from '../../auth/sign-in';
import { AuthCard } from '../../components/Logo/AuthCard';

/** Only same-app paths: `?next=https://evil.example` must not become an open redirect. */
export function safeNextPath(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/appointments';
}

export function SignInPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const me = useMe();
  const next = safeNextPath(params.get('next'));

  if (fullySignedIn(me)) return <Navigate to={next} replace />;

  return (
    <AuthCard title="Sign in to Carebeam" subtitle="Clinic staff sign-in">
      {params.get('expired') === '1' && (
        <Text size="sm" role="status">
          You were signed out. Sign in again to go back to where you were.
        </Text>
      )}
      <SignInForm onSignedIn={(result) => navigate('mfaStep' in result ? mfaStepPath(result.mfaStep, next) : next, { replace: true })} />
      <Anchor component={Link} to="/forgot-password" size="sm" ta="center">
        Forgot password?
      </Anchor>
    </AuthCard>
  );
}
