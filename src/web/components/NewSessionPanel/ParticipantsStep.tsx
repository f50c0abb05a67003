import { ActionIcon, Alert, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconSend, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { INVITATION_LABELS, type Participant } from '../../../shared/participants';
import { forgetDraft, readDraft } from '../../lib/usePersistentDraft';
import type { ParticipantEntry } from './draft';
import { NewParticipantForm, type NewParticipantValues } from './NewParticipantForm';
import { ParticipantSearch } from './ParticipantSearch';

export interface EntryProblem {
  message: string;
  /** The directory entry that already has this email, to use instead. */
  existing?: Participant;
}

export interface ParticipantsStepProps {
  readonly entries: ParticipantEntry[];
  readonly onChange: (entries: ParticipantEntry[]) => void;
  readonly organizationTimeZone: string;
  /** Where the half-typed "Add new Participant" form is kept across a reload (`newParticipantDraftKey`). */
  readonly newParticipantDraftKey: string;
  readonly problems: Map<number, EntryProblem>;
  readonly formError: string;
  readonly submitting: boolean;
  readonly onBack: () => void;
  readonly onInvite: () => void;
}

/** The panel's draft key for the "Add new Participant" form inside step 2. */
export const newParticipantDraftKey = (panelDraftKey: string) => `${panelDraftKey}.new-participant`;

let nextKey = 0;
const newKey = () => `entry-${++nextKey}`;

export function ParticipantsStep(props: ParticipantsStepProps) {
  const { entries, onChange, problems } = props;
  const [adding, setAdding] = useState(() => readDraft<NewParticipantValues>(props.newParticipantDraftKey));
  const closeNew = () => {
    forgetDraft(props.newParticipantDraftKey);
    setAdding(null);
  };
  const existingIds = entries.flatMap((e) => (e.kind === 'existing' ? [e.participant.id] : []));

  const pick = (participant: Participant) =>
    onChange([...entries, { kind: 'existing', key: newKey(), participant, invitationType: participant.invitationType }]);
  const replaceWithExisting = (index: number, participant: Participant) =>
    onChange(entries.map((e, i) => (i === index ? { kind: 'existing', key: newKey(), participant, invitationType: participant.invitationType } : e)));

  return (
    <Stack gap="lg">
      {props.formError && (
        <Alert color="red" role="alert">
          {props.formError}
        </Alert>
      )}
      <ParticipantSearch
        excludeIds={existingIds}
        onPick={pick}
        onAddNew={(typed) => setAdding({ name: typed, timeZone: props.organizationTimeZone, invitationType: 'email', email: '', phone: '' })}
      />
      {adding && (
        <NewParticipantForm
          initial={adding}
          draftKey={props.newParticipantDraftKey}
          onCancel={closeNew}
          onAdd={(values) => {
            onChange([...entries, { kind: 'new', key: newKey(), ...values }]);
            closeNew();
          }}
        />
      )}

      <Stack gap="xs" aria-label="Participants to invite" role="list">
        {entries.length === 0 && !adding && (
          <Text size="sm" c="dimmed">
            Nobody yet. Search the directory above, or add a new participant.
          </Text>
        )}
        {entries.map((entry, index) => {
          const name = entry.kind === 'existing' ? entry.participant.name : entry.name;
          const contact = entry.kind === 'existing' ? [entry.participant.email, entry.participant.phone] : [entry.email, entry.phone];
          const problem = problems.get(index);
          return (
            <Paper key={entry.key} withBorder p="sm" radius="md" role="listitem" style={problem ? { borderColor: 'var(--mantine-color-red-6)' } : undefined}>
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={2}>
                  <Group gap="xs">
                    <Text fw={500} size="sm">
                      {name}
                    </Text>
                    {entry.kind === 'new' && (
                      <Badge size="xs" variant="light" color="teal">
                        New
                      </Badge>
                    )}
                  </Group>
                  <Text size="xs" c="dimmed">
                    {contact.filter(Boolean).join(' · ') || 'Link only'} · invited by {INVITATION_LABELS[entry.invitationType]}
                  </Text>
                  {problem && (
                    <Stack gap={4} mt={4}>
                      <Text size="xs" c="red">
                        {problem.message}
                      </Text>
                      {problem.existing && (
                        <Button size="compact-xs" variant="light" w="fit-content" onClick={() => replaceWithExisting(index, problem.existing!)}>
                          Use {problem.existing.name} from the directory
                        </Button>
                      )}
                    </Stack>
                  )}
                </Stack>
                <ActionIcon variant="subtle" color="gray" aria-label={`Remove ${name}`} onClick={() => onChange(entries.filter((_, i) => i !== index))}>
                  <IconTrash size={16} aria-hidden="true" />
                </ActionIcon>
              </Group>
            </Paper>
          );
        })}
      </Stack>

      <Group justify="space-between">
        <Button variant="default" leftSection={<IconArrowLeft size={16} aria-hidden="true" />} onClick={props.onBack}>
          Back
        </Button>
        <Button leftSection={<IconSend size={16} aria-hidden="true" />} onClick={props.onInvite} loading={props.submitting} disabled={entries.length === 0 || adding !== null}>
          Invite
        </Button>
      </Group>
    </Stack>
  );
}
