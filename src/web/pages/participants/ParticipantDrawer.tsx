import { Alert, Button, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useSingleFlightMutation } from '../../api/single-flight';
import { useState } from 'react';
import { INVITATION_LABELS, INVITATION_TYPES, type InvitationType, type Participant } from '../../../shared/participants';
import { ApiError, api } from '../../api/client';
import { FormDrawer } from '../../components/FormDrawer/FormDrawer';
import { UnsavedChangesPrompt } from '../../components/UnsavedChangesPrompt/UnsavedChangesPrompt';
import { DateOfBirthInput } from '../../components/DateOfBirthInput/DateOfBirthInput';
import { TimeZoneSelect } from '../../components/TimeZoneSelect/TimeZoneSelect';
import { applyServerErrors } from '../../lib/form-errors';
import { staffFormDraftKey } from '../../lib/staff-drafts';
import { forgetDraft, usePersistentForm } from '../../lib/usePersistentDraft';
import { personNameSchema } from '../../../shared/users';
import { checkWith } from '../../lib/schema-check';

export interface ParticipantDrawerProps {
  readonly participant: Participant | null;
  readonly defaultTimeZone: string;
  readonly onClose: () => void;
  /** Another participant already has the typed email: open them instead. */
  readonly onOpenExisting: (participant: Participant) => void;
}

interface Draft {
  name: string;
  email: string;
  phone: string;
  timeZone: string;
  invitationType: InvitationType;
  dateOfBirth: string;
}

export function ParticipantDrawer({ participant, defaultTimeZone, onClose, onOpenExisting }: ParticipantDrawerProps) {
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState('');
  const [existing, setExisting] = useState<Participant | null>(null);
  const form = useForm<Draft>({
    initialValues: {
      name: participant?.name ?? '',
      email: participant?.email ?? '',
      phone: participant?.phone ?? '',
      timeZone: participant?.timeZone ?? defaultTimeZone,
      invitationType: participant?.invitationType ?? 'email',
      dateOfBirth: participant?.dateOfBirth ?? '',
    },
    validate: { name: checkWith(personNameSchema) },
  });
  const draftKey = staffFormDraftKey(`participant.${participant?.id ?? 'new'}`);
  usePersistentForm(form, draftKey);
  const close = () => {
    forgetDraft(draftKey);
    onClose();
  };
  const save = useSingleFlightMutation({
    mutationFn: (draft: Draft) =>
      api<Participant>(participant ? `/participants/${participant.id}` : '/participants', {
        method: participant ? 'PATCH' : 'POST',
        body: draft,
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['participants'] });
      close();
    },
    onError: (error) => {
      setFormError(applyServerErrors(form, error));
      if (error instanceof ApiError && error.code === 'participant_exists') setExisting(error.problem.existing as Participant);
    },
  });

  return (
    <FormDrawer opened title={participant ? `Edit ${participant.name}` : 'Add participant'} dirty={form.isDirty()} onClose={close}>
      <UnsavedChangesPrompt when={form.isDirty() && !save.isPending} />
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setFormError('');
          setExisting(null);
          save.mutate(values);
        })}
      >
        <Stack gap="md">
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          {existing && (
            <Alert color="yellow" title="Already in the directory">
              <Text size="sm" mb="xs">
                {existing.name} has this email address.
              </Text>
              <Button size="xs" variant="light" onClick={() => onOpenExisting(existing)}>
                Open {existing.name}
              </Button>
            </Alert>
          )}
          <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
          <TextInput label="Email" type="email" {...form.getInputProps('email')} />
          <TextInput label="Mobile phone" type="tel" placeholder="+1 212 555 0100" description="International format, with the country code." {...form.getInputProps('phone')} />
          <TimeZoneSelect required description="Invitations and their page show times in this zone." {...form.getInputProps('timeZone')} />
          <DateOfBirthInput value={form.getValues().dateOfBirth} onChange={(value) => form.setFieldValue('dateOfBirth', value)} error={form.errors.dateOfBirth as string | undefined} />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="participant-invitation-label">
              Invite by default by
            </Text>
            <SegmentedControl
              aria-labelledby="participant-invitation-label"
              data={INVITATION_TYPES.map((value) => ({ value, label: INVITATION_LABELS[value] }))}
              {...form.getInputProps('invitationType')}
            />
          </Stack>
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              {participant ? 'Save changes' : 'Add participant'}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormDrawer>
  );
}
