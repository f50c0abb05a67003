import { Center, Paper, Stack, Text, Title } from '@mantine/core';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { SignInForm } from '../../auth/SignInForm';
import { useMe } from '../../auth/session';
import { Logo } from '../../components/Logo/Logo';

/** Only same-app paths: `?next=https://evil.example` must not become an open redirect. */
export function safeNextPath(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/appointments';
}

export function SignInPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const me = useMe();
  const next = safeNextPath(params.get('next'));

  if (me.data) return <Navigate to={next} replace />;

  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Paper withBorder shadow="sm" radius="md" p="xl" w="100%" maw={400}>
        <Stack gap="lg">
          <Stack gap={4} align="center">
            <Logo size={40} />
            <Title order={1} size="h2">
              Sign in to Carebeam
            </Title>
            <Text c="dimmed" size="sm">
              Clinic staff sign-in
            </Text>
          </Stack>
          {params.get('expired') === '1' && (
            <Text size="sm" role="status">
              Your session ended. Sign in again to go back to where you were.
            </Text>
          )}
          <SignInForm onSignedIn={() => navigate(next, { replace: true })} />
        </Stack>
      </Paper>
    </Center>
  );
}
