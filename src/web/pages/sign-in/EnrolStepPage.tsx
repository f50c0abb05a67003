import { useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { fullySignedIn, ME_KEY, useMe } from '../../auth/sign-in';
import { AuthCard } from '../../components/Logo/AuthCard';
import { EnrolMfa } from '../../mfa/EnrolMfa';
import { safeNextPath } from './SignInPage';

/** `/signin/enrol`: the organization requires two-step sign-in and this person has not set it up. */
export function EnrolStepPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe();
  const next = safeNextPath(params.get('next'));
  if (fullySignedIn(me)) return <Navigate to={next} replace />;
  const done = async () => {
    await queryClient.invalidateQueries({ queryKey: ME_KEY });
    navigate(next, { replace: true });
  };
  return (
    <AuthCard title="Set up two-step sign-in" subtitle="Your organization asks for a code from an authenticator app at every sign-in.">
      <EnrolMfa onDone={() => void done()} doneLabel="Continue to Carebeam" />
    </AuthCard>
  );
}
