import { Anchor, Text } from '@mantine/core';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { fullySignedIn, useMe } from '../../auth/sign-in';
import { AuthCard } from '../../components/Logo/AuthCard';
import { SecondStepForm } from '../../mfa/SecondStepForm';
import { safeNextPath } from './SignInPage';

/** `/signin/verify`: the password was right; a code from the app finishes signing in. */
export function SecondStepPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const me = useMe();
  const next = safeNextPath(params.get('next'));
  if (fullySignedIn(me)) return <Navigate to={next} replace />;
  return (
    <AuthCard title="Two-step sign-in" subtitle="Enter the code your authenticator app shows for Carebeam">
      <SecondStepForm onSignedIn={() => navigate(next, { replace: true })} />
      <Text size="sm" ta="center">
        <Anchor component={Link} to="/signin">
          Sign in as someone else
        </Anchor>
      </Text>
    </AuthCard>
  );
}
