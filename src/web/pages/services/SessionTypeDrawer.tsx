import { Alert, Button, Group, SegmentedControl, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { MODALITIES, MODALITY_LABELS, type SessionType } from '../../../shared/catalog';
import { FormDrawer } from '../../components/FormDrawer/FormDrawer';
import { applyServerErrors } from '../../lib/form-errors';
import { type SessionTypeDraft, useSaveSessionType } from './api';

export interface SessionTypeDrawerProps {
  readonly sessionType: SessionType | null;
  readonly onClose: () => void;
}

export function SessionTypeDrawer({ sessionType, onClose }: SessionTypeDrawerProps) {
  const save = useSaveSessionType(sessionType);
  const [formError, setFormError] = useState('');
  const form = useForm<SessionTypeDraft>({
    initialValues: {
      name: sessionType?.name ?? '',
      modality: sessionType?.modality ?? 'video',
      active: sessionType?.active ?? true,
    },
    validate: { name: (v) => (v.trim() ? null : 'Enter a name') },
  });

  const submit = form.onSubmit((values) => {
    setFormError('');
    save.mutate(values, { onSuccess: onClose, onError: (error) => setFormError(applyServerErrors(form, error)) });
  });

  return (
    <FormDrawer opened title={sessionType ? `Edit ${sessionType.name}` : 'Add session type'} dirty={form.isDirty()} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="modality-label">
              How it takes place
            </Text>
            <SegmentedControl
              aria-labelledby="modality-label"
              data={MODALITIES.map((m) => ({ value: m, label: MODALITY_LABELS[m] }))}
              {...form.getInputProps('modality')}
            />
          </Stack>
          {sessionType && <Switch label="Active" {...form.getInputProps('active', { type: 'checkbox' })} />}
          <Group justify="flex-end" mt="sm">
            <Button type="submit" loading={save.isPending}>
              {sessionType ? 'Save changes' : 'Add session type'}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormDrawer>
  );
}
