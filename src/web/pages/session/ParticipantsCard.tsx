import { ActionIcon, Button, Group, Paper, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconTrash, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { formatTime } from '../../../shared/format';
import { INVITATION_LABELS } from '../../../shared/participants';
import type { SessionDetails } from '../../../shared/sessions';
import { useCurrentUser } from '../../auth/sign-in';
import { CopyLinkButton } from '../../components/CopyLinkButton/CopyLinkButton';
import { AddParticipantModal } from './AddParticipantModal';
import { DeliveryBadge } from './DeliveryBadge';
import { RemoveParticipantModal } from './RemoveParticipantModal';

export interface ParticipantsCardProps {
  readonly session: SessionDetails;
  readonly viewerTimeZone: string;
  /** Open the "Add participant" window at once (from the confirmation's "Add participants"). */
  readonly startAdding: boolean;
}

type SessionParticipant = SessionDetails['participants'][number];

const CLOSED_REASON: Partial<Record<SessionDetails['status'], string>> = {
  canceled: 'Participants can no longer be added or removed: the session was canceled.',
  completed: 'Participants can no longer be added or removed: the session is completed.',
};

/** The participants with their invitation and delivery state; add and remove. */
export function ParticipantsCard({ session, viewerTimeZone, startAdding }: ParticipantsCardProps) {
  const me = useCurrentUser();
  const closedReason = CLOSED_REASON[session.status];
  // Opened once, on mount, when the page was reached through "Add participants".
  const [adding, setAdding] = useState(startAdding && !closedReason);
  const [removing, setRemoving] = useState<SessionParticipant | null>(null);

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="participants-heading">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="participants-heading">
          Participants ({session.participants.length})
        </Title>
        {!closedReason && (
          <Button size="xs" variant="light" leftSection={<IconUserPlus size={16} aria-hidden="true" />} onClick={() => setAdding(true)}>
            Add participant
          </Button>
        )}
      </Group>
      {closedReason && (
        <Text size="sm" c="dimmed" mb="sm">
          {closedReason}
        </Text>
      )}
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Contact</Table.Th>
              <Table.Th>Time zone</Table.Th>
              <Table.Th>Invitation</Table.Th>
              <Table.Th>Delivery</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {session.participants.map((p) => (
              <ParticipantRow
                key={p.id}
                participant={p}
                session={session}
                viewerTimeZone={viewerTimeZone}
                onRemove={closedReason ? null : () => setRemoving(p)}
              />
            ))}
            {session.participants.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={6}>
                  <Text size="sm" c="dimmed">
                    No participants.
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {adding && <AddParticipantModal session={session} organizationTimeZone={me.organization.timeZone} onClose={() => setAdding(false)} />}
      {removing && <RemoveParticipantModal sessionId={session.id} participant={removing} onClose={() => setRemoving(null)} />}
    </Paper>
  );
}

interface ParticipantRowProps {
  readonly participant: SessionParticipant;
  readonly session: SessionDetails;
  readonly viewerTimeZone: string;
  /** Null when the session no longer takes changes. */
  readonly onRemove: (() => void) | null;
}

function ParticipantRow({ participant: p, session, viewerTimeZone, onRemove }: ParticipantRowProps) {
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={500}>
          {p.name}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{[p.email, p.phone].filter(Boolean).join(' · ') || '—'}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{p.timeZone.replaceAll('_', ' ')}</Text>
        {/* Their own clock at the start, so nobody has to convert in their head. */}
        {p.timeZone !== viewerTimeZone && (
          <Text size="xs" c="dimmed">
            Starts {formatTime(session.start, p.timeZone)} for them
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{INVITATION_LABELS[p.invitationType]}</Text>
      </Table.Td>
      <Table.Td>
        <DeliveryBadge delivery={p.delivery} />
      </Table.Td>
      <Table.Td>
        <Group gap={4} justify="flex-end" wrap="nowrap">
          <CopyLinkButton sessionId={session.id} participant={p} viewerTimeZone={viewerTimeZone} />
          {onRemove && (
            <ActionIcon variant="subtle" color="red" aria-label={`Remove ${p.name}`} onClick={onRemove}>
              <IconTrash size={16} aria-hidden="true" />
            </ActionIcon>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
