import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { WorkHours } from '../../../shared/work-hours';
import { TimeZoneSelect } from '../../components/TimeZoneSelect/TimeZoneSelect';
import { UnsavedChangesPrompt } from '../../components/UnsavedChangesPrompt/UnsavedChangesPrompt';
import { applyServerErrors } from '../../lib/form-errors';
import { staffFormDraftKey } from '../../lib/staff-drafts';
import { usePersistentForm } from '../../lib/usePersistentDraft';
import { useSaveWorkHours } from './api';
import { OverridesEditor } from './OverridesEditor';
import { WeekEditor } from './WeekEditor';

export interface WorkHoursFormProps {
  readonly userId: string;
  readonly providerName: string;
  readonly initial: WorkHours;
}

export function WorkHoursForm({ userId, providerName, initial }: WorkHoursFormProps) {
  const save = useSaveWorkHours(userId);
  const [formError, setFormError] = useState('');
  const form = useForm<WorkHours>({ initialValues: initial });
  usePersistentForm(form, staffFormDraftKey(`work-hours.${userId}`));
  const dirty = form.isDirty();

  const submit = form.onSubmit((values) => {
    setFormError('');
    save.mutate(values, {
      onSuccess: (saved) => {
        form.setValues(saved);
        form.resetDirty(saved);
        notifications.show({ color: 'teal', title: 'Work Hours saved', message: `${providerName}’s hours are up to date.` });
      },
      onError: (error) => setFormError(applyServerErrors(form, error) || 'Some hours need fixing: see the fields marked in red.'),
    });
  });

  return (
    <form onSubmit={submit} noValidate>
      <UnsavedChangesPrompt when={dirty && !save.isPending} />
      <Stack gap="lg">
        {formError && (
          <Alert color="red" role="alert">
            {formError}
          </Alert>
        )}
        <Paper withBorder radius="md" p="md">
          <TimeZoneSelect
            required
            description="Every time on this page is in this zone; sessions are offered to others in theirs."
            w={420}
            {...form.getInputProps('timeZone')}
          />
        </Paper>
        <Paper withBorder radius="md" p="md">
          <Title order={2} size="h4" mb="xs">
            Weekly hours
          </Title>
          <Text c="dimmed" size="sm" mb="sm">
            Sessions can be booked only inside these hours.
          </Text>
          <WeekEditor form={form} />
        </Paper>
        <Paper withBorder radius="md" p="md">
          <Title order={2} size="h4" mb="sm">
            Date overrides
          </Title>
          <OverridesEditor form={form} />
        </Paper>
        <Group justify="flex-end" pos="sticky" bottom={0} py="sm" bg="gray.0">
          {dirty && (
            <Text size="sm" c="dimmed">
              Unsaved changes
            </Text>
          )}
          <Button variant="default" disabled={!dirty} onClick={() => form.reset()}>
            Discard changes
          </Button>
          <Button type="submit" loading={save.isPending} disabled={!dirty}>
            Save Work Hours
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
