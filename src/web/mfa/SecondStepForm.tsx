import { Alert, Anchor, Button, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Me } from '../../shared/users';
import { ApiError } from '../api/client';
import { useMfaChallenge } from './api';
import { CodeInput } from './CodeInput';
import { codeProblemText } from './problem-text';

function problemText(error: unknown): string {
  if (error instanceof ApiError && error.code === 'unauthenticated') return 'This sign-in waited too long (5 minutes). Sign in again with your password.';
  return codeProblemText(error);
}

/** The second step of signing in: one field, a code from the app or, instead, a recovery code. */
export function SecondStepForm({ onSignedIn }: { readonly onSignedIn: (me: Me) => void }) {
  const challenge = useMfaChallenge();
  const [useRecovery, setUseRecovery] = useState(false);
  const [value, setValue] = useState('');
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const typed = value.trim();
    if (!typed) return;
    challenge.mutate(useRecovery ? { recoveryCode: typed } : { code: typed.replace(/\s/g, '') }, { onSuccess: onSignedIn });
  };
  const switchKind = () => {
    setUseRecovery((current) => !current);
    setValue('');
    challenge.reset();
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Second step">
      <Stack gap="md">
        {challenge.isError && (
          <Alert color="red" role="alert">
            {problemText(challenge.error)}
          </Alert>
        )}
        {useRecovery ? (
          <TextInput key="recovery" label="Recovery code" description="One of the codes you saved, like ABCDE-FGHIJ" autoComplete="off" autoCapitalize="characters" spellCheck={false} data-autofocus autoFocus value={value} onChange={(event) => setValue(event.currentTarget.value)} />
        ) : (
          <CodeInput key="code" w="100%" description="From your authenticator app" data-autofocus autoFocus value={value} onChange={(event) => setValue(event.currentTarget.value)} />
        )}
        <Button type="submit" loading={challenge.isPending} fullWidth>
          Verify
        </Button>
        <Anchor component="button" type="button" size="sm" ta="center" onClick={switchKind}>
          {useRecovery ? 'Use a code from your app instead' : 'Use a recovery code instead'}
        </Anchor>
      </Stack>
    </form>
  );
}
