import { Alert, Button, Group, MultiSelect, NumberInput, Paper, Select, Stack, Switch, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type OrganizationSettings, PARTICIPANT_VERIFICATION_LABELS, PARTICIPANT_VERIFICATIONS } from '../../../shared/organization';
import { api } from '../../api/client';
import { useOrganization } from '../../api/queries';
import { ME_KEY, useCurrentUser } from '../../auth/sign-in';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { QueryState } from '../../components/QueryState/QueryState';
import { TimeZoneSelect } from '../../components/TimeZoneSelect/TimeZoneSelect';
import { UnsavedChangesPrompt } from '../../components/UnsavedChangesPrompt/UnsavedChangesPrompt';
import { applyServerErrors } from '../../lib/form-errors';
import { BackupsPanel } from './BackupsPanel';
import { LogoSettings } from './LogoSettings';

const STEPS = [5, 10, 15, 20, 30, 60].map((m) => ({ value: String(m), label: `Every ${m} minutes` }));
const REMINDERS = [
  { value: '10080', label: '1 week before' },
  { value: '2880', label: '2 days before' },
  { value: '1440', label: '24 hours before' },
  { value: '120', label: '2 hours before' },
  { value: '60', label: '1 hour before' },
  { value: '15', label: '15 minutes before' },
];

export function SettingsPage() {
  const organization = useOrganization();
  const me = useCurrentUser();
  return (
    <>
      <PageHeader title="Settings" description="Your organization, its booking rules and sign-in policy." />
      <QueryState query={organization}>
        {organization.data && (
          <Stack gap="lg">
            <SettingsForm initial={organization.data} />
            <LogoSettings organization={organization.data} />
          </Stack>
        )}
      </QueryState>
      <BackupsPanel timeZone={me.timeZone} />
    </>
  );
}

function SettingsForm({ initial }: { readonly initial: OrganizationSettings }) {
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState('');
  const form = useForm({
    initialValues: {
      name: initial.name,
      timeZone: initial.timeZone,
      slotStepMinutes: String(initial.slotStepMinutes),
      minimumNoticeMinutes: initial.minimumNoticeMinutes as number | string,
      reminderOffsetsMinutes: initial.reminderOffsetsMinutes.map(String),
      joinWindowMinutes: initial.joinWindowMinutes as number | string,
      autoCompleteMinutes: initial.autoCompleteMinutes as number | string,
      preferredUnits: initial.preferredUnits,
      requireMfa: initial.requireMfa,
      participantVerification: initial.participantVerification,
    },
  });
  const save = useMutation({
    mutationFn: (values: typeof form.values) =>
      api<OrganizationSettings>('/organization', {
        method: 'PATCH',
        body: {
          ...values,
          slotStepMinutes: Number(values.slotStepMinutes),
          minimumNoticeMinutes: Number(values.minimumNoticeMinutes),
          reminderOffsetsMinutes: values.reminderOffsetsMinutes.map(Number),
          joinWindowMinutes: Number(values.joinWindowMinutes),
          autoCompleteMinutes: Number(values.autoCompleteMinutes),
        },
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['organization'], saved);
      void queryClient.invalidateQueries({ queryKey: ME_KEY });
      form.resetDirty();
      notifications.show({ color: 'teal', title: 'Settings saved', message: 'The new booking rules apply at once.' });
    },
    onError: (error) => setFormError(applyServerErrors(form, error)),
  });

  return (
    <Paper withBorder radius="md" p="lg" maw={560}>
      <UnsavedChangesPrompt when={form.isDirty() && !save.isPending} />
      <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
        <Stack gap="md">
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          <TextInput label="Organization name" required {...form.getInputProps('name')} />
          <TimeZoneSelect required description="The default zone for new participants and reports." {...form.getInputProps('timeZone')} />
          <Select
            label="Bookable times start"
            description="Offered times step this often from the start of each Work Hours range."
            data={STEPS}
            allowDeselect={false}
            {...form.getInputProps('slotStepMinutes')}
          />
          <NumberInput
            label="Minimum notice"
            description="Nothing can be booked sooner than this after the current time (0 allows Meet Now)."
            suffix=" min"
            min={0}
            max={43200}
            allowDecimal={false}
            {...form.getInputProps('minimumNoticeMinutes')}
          />
          <MultiSelect
            label="Reminders"
            description="Each participant gets these reminders before their session, by their invitation type. A reminder already past when a session is booked is skipped."
            data={[...REMINDERS, ...form.getValues().reminderOffsetsMinutes.filter((v) => !REMINDERS.some((r) => r.value === v)).map((v) => ({ value: v, label: `${v} minutes before` }))]}
            maxValues={5}
            {...form.getInputProps('reminderOffsetsMinutes')}
          />
          <NumberInput
            label="Sessions open"
            description="How long before its start a session can be started, and its participants can join the call."
            suffix=" min before"
            min={0}
            max={240}
            allowDecimal={false}
            {...form.getInputProps('joinWindowMinutes')}
          />
          <NumberInput
            label="Sessions left in progress end"
            description="A session nobody ended completes by itself this long after its scheduled end."
            suffix=" min after"
            min={5}
            max={1440}
            allowDecimal={false}
            {...form.getInputProps('autoCompleteMinutes')}
          />
          <Select
            label="Vital-sign units"
            description="How the MedCart tab shows readings; they are kept in standard units either way."
            data={[
              { value: 'metric', label: 'Metric (°C, kg, cm, mmol/L)' },
              { value: 'us', label: 'US (°F, lb, in, mg/dL)' },
            ]}
            allowDeselect={false}
            {...form.getInputProps('preferredUnits')}
          />
          <Switch
            label="Require two-step sign-in"
            description="Every staff member must set up an authenticator app; until they do, signing in leads only to that setup."
            {...form.getInputProps('requireMfa', { type: 'checkbox' })}
          />
          <Select
            label="Before a participant's page opens, ask for"
            description="A link forwarded to someone else then opens nothing. Staff record dates of birth on the participant's record."
            data={PARTICIPANT_VERIFICATIONS.map((value) => ({ value, label: PARTICIPANT_VERIFICATION_LABELS[value] }))}
            allowDeselect={false}
            {...form.getInputProps('participantVerification')}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
              Save settings
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
