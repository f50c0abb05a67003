import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { ApiError } from '../api/client';
import { type SignInResult, useSignIn } from './sign-in';

export interface SignInFormProps {
  readonly initialEmail?: string;
  readonly emailLocked?: boolean;
  readonly onSignedIn: (result: SignInResult) => void;
}

function messageFor(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'invalid_credentials') return 'That email and password do not match an active account.';
    if (error.code === 'too_many_attempts') return 'Too many attempts. Wait a minute, then try again.';
    return error.message;
  }
  return 'Sign-in failed. Please try again.';
}

export function SignInForm({ initialEmail = '', emailLocked = false, onSignedIn }: SignInFormProps) {
  const signIn = useSignIn();
  const form = useForm({
    initialValues: { email: initialEmail, password: '' },
    validate: {
      email: (value) => (/^\S+@\S+\.\S+$/.test(value.trim()) ? null : 'Enter your email address'),
      password: (value) => (value.length > 0 ? null : 'Enter your password'),
    },
  });

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => signIn.mutate(values, { onSuccess: onSignedIn }))}
    >
      <Stack gap="md">
        {signIn.isError && (
          <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert" title="Could not sign in">
            {messageFor(signIn.error)}
          </Alert>
        )}
        <TextInput
          label="Email"
          type="email"
          autoComplete="username"
          readOnly={emailLocked}
          data-autofocus={emailLocked ? undefined : true}
          {...form.getInputProps('email')}
        />
        <PasswordInput
          label="Password"
          autoComplete="current-password"
          data-autofocus={emailLocked ? true : undefined}
          {...form.getInputProps('password')}
        />
        <Button type="submit" loading={signIn.isPending} fullWidth>
          Sign in
        </Button>
      </Stack>
    </form>
  );
}
