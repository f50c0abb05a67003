import { Alert, Button, Checkbox, Group, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { ROLE_LABELS, ROLES } from '../../../shared/roles';
import { personNameSchema, type StaffUser } from '../../../shared/users';
import { FormDrawer } from '../../components/FormDrawer/FormDrawer';
import { TimeZoneSelect } from '../../components/TimeZoneSelect/TimeZoneSelect';
import { applyServerErrors } from '../../lib/form-errors';
import { type UserDraft, useSaveUser } from './api';
import { checkWith } from '../../lib/schema-check';

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
      deactivated: user?.deactivated ?? false,
    },
    validate: {
      name: checkWith(personNameSchema),
      email: (v) => (user || /^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter a valid email address'),
      roles: (v) => (v.length > 0 ? null : 'Choose at least one role'),
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
          {!user && (
            <Text size="sm" c="dimmed">
              Carebeam emails them a link to choose their own password. The link works once, for 72 hours.
            </Text>
          )}
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
