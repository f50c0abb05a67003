import { useQueryClient } from '@tanstack/react-query';
import { Navigate } from 'react-router';
import { ME_KEY } from '../../auth/sign-in';
import { AuthCard } from '../../components/Logo/AuthCard';
import { EnrolMfa } from '../../mfa/EnrolMfa';
import { useSignInDestination } from './next-path';

/** `/signin/enrol`: the organization requires two-step sign-in and this person has not set it up. */
export function EnrolStepPage() {
  const queryClient = useQueryClient();
  const { next, signedIn, go } = useSignInDestination();
  if (signedIn) return <Navigate to={next} replace />;
  const done = async () => {
    await queryClient.invalidateQueries({ queryKey: ME_KEY });
    go();
  };
  return (
    <AuthCard title="Set up two-step sign-in" subtitle="Your organization asks for a code from an authenticator app at every sign-in.">
      <EnrolMfa onDone={() => void done()} doneLabel="Continue to Carebeam" />
    </AuthCard>
  );
}
