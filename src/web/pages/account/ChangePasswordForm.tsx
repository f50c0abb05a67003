import { Alert, Button, Group, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { applyServerErrors } from '../../lib/form-errors';
import { useChangePassword } from './api';

/** Change my own password: the current one first; my other sign-ins end. */
export function ChangePasswordForm() {
  const change = useChangePassword();
  const [formError, setFormError] = useState('');
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirm: '' },
    validate: {
      currentPassword: (v) => (v ? null : 'Enter your current password'),
      newPassword: (v) => (v.length >= 12 ? null : 'Use at least 12 characters'),
      confirm: (v, values) => (v === values.newPassword ? null : 'The two passwords differ'),
    },
  });
  const submit = form.onSubmit((values) => {
    setFormError('');
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          form.reset();
          notifications.show({ color: 'teal', title: 'Password changed', message: 'Your other sign-ins ended; this one stays.' });
        },
        onError: (error) => setFormError(applyServerErrors(form, error)),
      },
    );
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Change password">
      <Stack gap="sm" maw={420}>
        {formError && (
          <Alert color="red" role="alert">
            {formError}
          </Alert>
        )}
        <PasswordInput label="Current password" autoComplete="current-password" {...form.getInputProps('currentPassword')} />
        <PasswordInput label="New password" description="At least 12 characters; a few unrelated words work well." autoComplete="new-password" {...form.getInputProps('newPassword')} />
        <PasswordInput label="Repeat the new password" autoComplete="new-password" {...form.getInputProps('confirm')} />
        <Group>
          <Button type="submit" loading={change.isPending}>
            Change password
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
