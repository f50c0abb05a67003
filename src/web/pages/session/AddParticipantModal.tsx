import { Alert, Button, Group, Loader, Modal, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { InvitationType, Participant } from '../../../shared/participants';
import { ApiError } from '../../api/client';
import { NewParticipantForm, type NewParticipantValues } from '../../components/NewSessionPanel/NewParticipantForm';
import { ParticipantSearch } from '../../components/NewSessionPanel/ParticipantSearch';
import { applyServerErrors } from '../../lib/form-errors';
import { invitationRoute } from '../../lib/mask-contact';
import { type ParticipantToAdd, useAddParticipant } from './session-api';

export interface AddParticipantModalProps {
  readonly session: { id: string; participants: { id: string }[] };
  /** Where a new person is assumed to be until told otherwise. */
  readonly organizationTimeZone: string;
  readonly onClose: () => void;
}

interface AddProblem {
  messages: string[];
  /** The directory entry that already has the new person's email, to add instead. */
  existing?: Participant;
}

const FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  email: 'Email',
  phone: 'Mobile phone',
  dateOfBirth: 'Date of birth',
  timeZone: 'Time zone',
  invitationType: 'Invitation',
  participantId: 'Participant',
};

const SENT_BY: Record<InvitationType, string> = {
  email: 'The invitation goes out by email.',
  sms: 'The invitation goes out by SMS.',
  email_sms: 'The invitation goes out by email and SMS.',
  none: 'Nothing is sent to them: copy their private link to pass it on.',
};

/** The server's answer as lines to read; null when there is nothing to say (the sign-in ended). */
function describeFailure(error: unknown): AddProblem | null {
  // NewParticipantForm keeps its own fields, so field errors are listed above it instead.
  let fields: Record<string, string> = {};
  const leftover = applyServerErrors({ setErrors: (errors) => (fields = errors) }, error);
  const messages = [leftover, ...Object.entries(fields).map(([path, message]) => `${FIELD_LABELS[path] ?? path}: ${message}`)].filter(Boolean);
  if (messages.length === 0) return null;
  const existing = error instanceof ApiError && error.code === 'participant_exists' ? (error.problem.existing as Participant) : undefined;
  return { messages, ...(existing ? { existing } : {}) };
}

const newPersonBody = (values: NewParticipantValues): ParticipantToAdd => ({
  name: values.name,
  timeZone: values.timeZone,
  invitationType: values.invitationType,
  email: values.email || undefined,
  phone: values.phone || undefined,
  dateOfBirth: values.dateOfBirth || undefined,
});

/** Adds someone from the directory (after saying who and how they will be invited), or a new person, and invites them. */
export function AddParticipantModal({ session, organizationTimeZone, onClose }: AddParticipantModalProps) {
  const add = useAddParticipant(session.id);
  const [newPerson, setNewPerson] = useState<NewParticipantValues | null>(null);
  const [problem, setProblem] = useState<AddProblem | null>(null);
  // Picking from the directory only chooses: the invitation goes when "Invite" says so.
  const [picked, setPicked] = useState<Participant | null>(null);

  const submit = (participant: ParticipantToAdd) => {
    if (add.isPending) return;
    setProblem(null);
    add.mutate(participant, {
      onSuccess: (added) => {
        notifications.show({ color: 'teal', title: `${added.name} was invited`, message: SENT_BY[added.invitationType] });
        onClose();
      },
      onError: (error) => setProblem(describeFailure(error)),
    });
  };

  const existing = problem?.existing;

  return (
    <Modal opened onClose={onClose} title="Add participant" centered size="lg">
      <Stack gap="md">
        {problem && (
          <Alert color="red" role="alert">
            <Stack gap="xs">
              {problem.messages.map((message) => (
                <Text key={message} size="sm">
                  {message}
                </Text>
              ))}
              {existing && (
                <Button size="xs" variant="white" color="red" w="fit-content" onClick={() => {
                    setProblem(null);
                    setNewPerson(null);
                    setPicked(existing);
                  }}
                >
                  Use {existing.name} from the directory
                </Button>
              )}
            </Stack>
          </Alert>
        )}
        {picked ? (
          <Paper withBorder p="md" radius="md" bg="gray.0">
            <Stack gap="sm">
              <Text size="sm">
                Invite <b>{picked.name}</b> {invitationRoute(picked, picked.invitationType)}.
              </Text>
              <Group justify="flex-end" gap="xs">
                <Button variant="default" size="xs" onClick={() => setPicked(null)} disabled={add.isPending}>
                  Choose someone else
                </Button>
                <Button size="xs" onClick={() => submit({ participantId: picked.id })} loading={add.isPending}>
                  Invite
                </Button>
              </Group>
            </Stack>
          </Paper>
        ) : newPerson ? (
          <NewParticipantForm
            initial={newPerson}
            onCancel={() => {
              setNewPerson(null);
              setProblem(null);
            }}
            onAdd={(values) => submit(newPersonBody(values))}
          />
        ) : (
          <ParticipantSearch
            excludeIds={session.participants.map((p) => p.id)}
            onPick={setPicked}
            onAddNew={(typed) => setNewPerson({ name: typed, timeZone: organizationTimeZone, invitationType: 'email', email: '', phone: '' })}
          />
        )}
        {add.isPending && (
          <Group gap="xs" role="status">
            <Loader size="xs" />
            <Text size="sm">Adding and inviting…</Text>
          </Group>
        )}
        <Text size="xs" c="dimmed">
          Each person is invited the way their directory entry says, and gets the session’s documents to complete.
        </Text>
      </Stack>
    </Modal>
  );
}
