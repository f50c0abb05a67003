import { useNavigate, useSearchParams } from 'react-router';
import { fullySignedIn, useMe } from '../../auth/sign-in';

/** Only same-app paths: `?next=https://evil.example` must not become an open redirect. */
export function safeNextPath(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/appointments';
}

/** Where the sign-in pages go once done (`?next=`), and whether that is already the case. */
export function useSignInDestination() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const me = useMe();
  const next = safeNextPath(params.get('next'));
  return { next, signedIn: fullySignedIn(me) !== null, go: (path: string = next) => navigate(path, { replace: true }) };
}
