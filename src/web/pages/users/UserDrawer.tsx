import { Alert, Button, Checkbox, Group, PasswordInput, Stack, Switch, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { ROLE_LABELS, ROLES } from '../../../shared/roles';
import type { StaffUser } from '../../../shared/users';
import { FormDrawer } from '../../components/FormDrawer/FormDrawer';
import { TimeZoneSelect } from '../../components/TimeZoneSelect/TimeZoneSelect';
import { applyServerErrors } from '../../lib/form-errors';
import { type UserDraft, useSaveUser } from './api';

export interface UserDrawerProps {
  /** The user to edit, or null to add one. */
  readonly user: StaffUser | null;
  readonly defaultTimeZone: string;
  readonly onClose: () => void;
}

export function UserDrawer({ user, defaultTimeZone, onClose }: UserDrawerProps) {
  const save = useSaveUser(user);
  const [formError, setFormError] = useState('');
  const form = useForm<UserDraft>({
    initialValues: {
      name: user?.name ?? '',
      email: user?.email ?? '',
      roles: user?.roles ?? ['provider'],
      timeZone: user?.timeZone ?? defaultTimeZone,
      password: '',
      deactivated: user?.deactivated ?? false,
    },
    validate: {
      name: (v) => (v.trim() ? null : 'Enter a name'),
      email: (v) => (user || /^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter a valid email address'),
      roles: (v) => (v.length > 0 ? null : 'Choose at least one role'),
      password: (v) => (user && !v ? null : v.length >= 12 ? null : 'Use at least 12 characters'),
    },
  });

  const submit = form.onSubmit((values) => {
    setFormError('');
    save.mutate(values, {
      onSuccess: () => onClose(),
      onError: (error) => setFormError(applyServerErrors(form, error)),
    });
  });

  return (
    <FormDrawer opened title={user ? `Edit ${user.name}` : 'Add user'} dirty={form.isDirty()} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
          <TextInput
            label="Email"
            type="email"
            required={!user}
            readOnly={Boolean(user)}
            description={user ? 'Email is the sign-in name and cannot be changed.' : undefined}
            {...form.getInputProps('email')}
          />
          <Checkbox.Group label="Roles" required {...form.getInputProps('roles')}>
            <Group mt="xs">
              {ROLES.map((role) => (
                <Checkbox key={role} value={role} label={ROLE_LABELS[role]} />
              ))}
            </Group>
          </Checkbox.Group>
          <TimeZoneSelect required {...form.getInputProps('timeZone')} />
          <PasswordInput
            label={user ? 'New password' : 'Password'}
            description={user ? 'Leave empty to keep the current password. A new one signs them out everywhere.' : 'At least 12 characters.'}
            required={!user}
            autoComplete="new-password"
            {...form.getInputProps('password')}
          />
          {user && (
            <Switch
              label="Deactivated"
              description="A deactivated user is signed out at once and cannot sign in."
              {...form.getInputProps('deactivated', { type: 'checkbox' })}
            />
          )}
          <Group justify="flex-end" mt="sm">
            <Button type="submit" loading={save.isPending}>
              {user ? 'Save changes' : 'Add user'}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormDrawer>
  );
}
