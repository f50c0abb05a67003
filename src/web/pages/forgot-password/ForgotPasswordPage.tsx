import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { AuthCard } from '../../components/Logo/AuthCard';
import { applyServerErrors } from '../../lib/form-errors';

/** "Forgot password?": the same answer whether or not the email has an account. */
export function ForgotPasswordPage() {
  const send = useMutation({ mutationFn: (email: string) => api<void>('/auth/forgot-password', { method: 'POST', body: { email } }) });
  const [formError, setFormError] = useState('');
  const form = useForm({
    initialValues: { email: '' },
    validate: { email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter your email address') },
  });

  if (send.isSuccess) {
    return (
      <AuthCard title="Check your email">
        <Text role="status">
          If <strong>{send.variables}</strong> belongs to a Carebeam account, an email with a link to choose a new password is on its way. The link works once, for 30 minutes.
        </Text>
        <Anchor component={Link} to="/signin" size="sm" ta="center">
          Back to sign-in
        </Anchor>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Forgot your password?" subtitle="We’ll email you a link to choose a new one.">
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setFormError('');
          send.mutate(values.email.trim(), { onError: (error) => setFormError(applyServerErrors(form, error)) });
        })}
      >
        <Stack gap="md">
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          <TextInput label="Email" type="email" autoComplete="username" data-autofocus {...form.getInputProps('email')} />
          <Button type="submit" loading={send.isPending} fullWidth>
            Email me a link
          </Button>
          <Anchor component={Link} to="/signin" size="sm" ta="center">
            Back to sign-in
          </Anchor>
        </Stack>
      </form>
    </AuthCard>
  );
}
