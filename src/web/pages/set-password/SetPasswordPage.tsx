import { Alert, Anchor, Button, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { PasswordLink } from '../../../shared/account';
import { api, ApiError } from '../../api/client';
import { AuthCard } from '../../components/Logo/AuthCard';
import { applyServerErrors } from '../../lib/form-errors';

/** `/set-password?token=…`: an invited or reset staff member chooses their password, once. */
export function SetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const link = useQuery({
    queryKey: ['password-link', token],
    queryFn: () => api<PasswordLink>('/auth/password-link', { method: 'POST', body: { token } }),
    enabled: token !== '',
    retry: false,
    staleTime: Infinity,
  });
  const save = useMutation({ mutationFn: (password: string) => api<void>('/auth/set-password', { method: 'POST', body: { token, password } }) });
  const [formError, setFormError] = useState('');
  const form = useForm({
    initialValues: { password: '', confirm: '' },
    validate: {
      password: (v) => (v.length >= 12 ? null : 'Use at least 12 characters'),
      confirm: (v, values) => (v === values.password ? null : 'The two passwords differ'),
    },
  });

  if (save.isSuccess) {
    return (
      <AuthCard title="Password saved">
        <Text>You can now sign in with your email and your new password.</Text>
        <Button component={Link} to={`/signin`} fullWidth>
          Go to sign-in
        </Button>
      </AuthCard>
    );
  }
  const gone = token === '' || (link.error instanceof ApiError && link.error.status === 404) || (save.error instanceof ApiError && save.error.status === 404);
  if (gone) {
    return (
      <AuthCard title="This link no longer works">
        <Text>
          Links to choose a password work once and for a limited time. This one was used already, expired, or was replaced by a newer one.
        </Text>
        <Text size="sm" c="dimmed">
          Forgot your password? Ask for a new link. Invited and the link expired? Ask your clinic’s administrator to resend the invitation.
        </Text>
        <Button component={Link} to="/forgot-password" variant="light" fullWidth>
          Ask for a new link
        </Button>
        <Anchor component={Link} to="/signin" size="sm" ta="center">
          Back to sign-in
        </Anchor>
      </AuthCard>
    );
  }
  if (!link.data) return <AuthCard title="Choose your password">{link.isError ? <Alert color="red">{link.error.message}</Alert> : <Text c="dimmed">Checking your link…</Text>}</AuthCard>;

  const { data } = link;
  return (
    <AuthCard title={data.purpose === 'invite' ? 'Choose your password' : 'Choose a new password'} subtitle={`${data.name} · ${data.organizationName}`}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setFormError('');
          save.mutate(values.password, { onError: (error) => setFormError(applyServerErrors(form, error)) });
        })}
      >
        <Stack gap="md">
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          {/* The sign-in name, for password managers to save with the new password. */}
          <input type="email" name="username" autoComplete="username" value={data.email} readOnly hidden />
          <Text size="sm">
            For <strong>{data.email}</strong>. At least 12 characters; a few unrelated words work well. Saving signs you out everywhere else.
          </Text>
          <PasswordInput label="New password" autoComplete="new-password" data-autofocus {...form.getInputProps('password')} />
          <PasswordInput label="Repeat the new password" autoComplete="new-password" {...form.getInputProps('confirm')} />
          <Button type="submit" loading={save.isPending} fullWidth>
            Save password
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
