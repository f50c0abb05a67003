import { Button, Group, Paper, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { INVITATION_LABELS, INVITATION_TYPES, needsEmail, needsPhone, type InvitationType } from '../../../shared/participants';
import { DateOfBirthInput } from '../DateOfBirthInput/DateOfBirthInput';
import { TimeZoneSelect } from '../TimeZoneSelect/TimeZoneSelect';
import { personNameSchema } from '../../../shared/users';
import { checkWith } from '../../lib/schema-check';
import { usePersistentDraft } from '../../lib/usePersistentDraft';

export interface NewParticipantValues {
  name: string;
  timeZone: string;
  invitationType: InvitationType;
  email: string;
  phone: string;
  /** `YYYY-MM-DD` or ''. */
  dateOfBirth?: string;
}

export interface NewParticipantFormProps {
  readonly initial: NewParticipantValues;
  /** Where to keep what is typed while the form is open, for a form a reload brings back (the New Session panel). */
  readonly draftKey?: string;
  readonly onAdd: (values: NewParticipantValues) => void;
  readonly onCancel: () => void;
}

const E164 = /^\+[1-9]\d{6,14}$/;
const compactPhone = (phone: string) => phone.replace(/[\s\-().]/g, '');

/** Name, time zone, and how to invite them, with the email and/or phone that needs. */
export function NewParticipantForm({ initial, draftKey, onAdd, onCancel }: NewParticipantFormProps) {
  const form = useForm<NewParticipantValues>({
    initialValues: initial,
    validate: {
      name: checkWith(personNameSchema),
      email: (v, values) =>
        v.trim() ? (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter a valid email address') : needsEmail(values.invitationType) ? 'An email invitation needs an email address' : null,
      phone: (v, values) =>
        v.trim()
          ? E164.test(compactPhone(v))
            ? null
            : 'Use international format with the country code, e.g. +1 212 555 0100'
          : needsPhone(values.invitationType)
            ? 'An SMS invitation needs a mobile phone number'
            : null,
    },
  });
  // Open means typed (it opens with the name typed in the search): kept until added or canceled.
  usePersistentDraft(draftKey ?? '', form.getValues(), draftKey !== undefined);
  const type = form.getValues().invitationType;

  return (
    <Paper withBorder p="md" radius="md" bg="gray.0">
      <Stack gap="sm">
        <Text fw={600} size="sm">
          Add new Participant
        </Text>
        <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
        <TimeZoneSelect required description="Invitations show the time in this zone." {...form.getInputProps('timeZone')} />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="invitation-type-label">
            Invitation
          </Text>
          <SegmentedControl
            aria-labelledby="invitation-type-label"
            data={INVITATION_TYPES.map((value) => ({ value, label: INVITATION_LABELS[value] }))}
            {...form.getInputProps('invitationType')}
          />
        </Stack>
        {(needsEmail(type) || type === 'none' || form.getValues().email) && (
          <TextInput label="Email" type="email" required={needsEmail(type)} {...form.getInputProps('email')} />
        )}
        {(needsPhone(type) || form.getValues().phone) && (
          <TextInput label="Mobile phone" type="tel" required={needsPhone(type)} placeholder="+1 212 555 0100" {...form.getInputProps('phone')} />
        )}
        <DateOfBirthInput value={form.getValues().dateOfBirth ?? ''} onChange={(value) => form.setFieldValue('dateOfBirth', value)} error={form.errors.dateOfBirth as string | undefined} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" size="xs" onClick={onCancel}>
            Cancel
          </Button>
          <Button
            size="xs"
            onClick={() => {
              if (form.validate().hasErrors) return;
              const values = form.getValues();
              onAdd({ ...values, name: values.name.trim(), email: values.email.trim(), phone: values.phone ? compactPhone(values.phone) : '' });
            }}
          >
            Add participant
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
