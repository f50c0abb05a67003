import { ActionIcon, Button, Paper, Table, TextInput, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPencil, IconPlus, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { INVITATION_LABELS, type Participant } from '../../../shared/participants';
import { api } from '../../api/client';
import { useCurrentUser } from '../../auth/sign-in';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { QueryState } from '../../components/QueryState/QueryState';
import { ParticipantDrawer } from './ParticipantDrawer';

/** The organization's directory of patients and other participants. */
export function ParticipantsPage() {
  const me = useCurrentUser();
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search, 200);
  const [editing, setEditing] = useState<Participant | 'new' | null>(null);
  const participants = useQuery({
    queryKey: ['participants', 'directory', query],
    queryFn: () => api<Participant[]>(`/participants?query=${encodeURIComponent(query)}&limit=100`),
    placeholderData: (previous) => previous,
  });

  return (
    <>
      <PageHeader
        title="Participants"
        description="Patients, relatives, interpreters… everyone you invite to sessions. No account needed."
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setEditing('new')}>
            Add participant
          </Button>
        }
      />
      <Paper withBorder radius="md" p="md">
        <TextInput
          aria-label="Search participants"
          placeholder="Search by name, email or phone"
          leftSection={<IconSearch size={16} aria-hidden="true" />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          w={360}
          mb="md"
        />
        <QueryState query={participants} empty={participants.data?.length === 0} emptyMessage={query ? `No participant matches “${query}”.` : 'No participants yet.'}>
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Email</Table.Th>
                  <Table.Th>Phone</Table.Th>
                  <Table.Th>Time zone</Table.Th>
                  <Table.Th>Invitation</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {participants.data?.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td fw={500}>{p.name}</Table.Td>
                    <Table.Td>{p.email ?? '—'}</Table.Td>
                    <Table.Td>{p.phone ?? '—'}</Table.Td>
                    <Table.Td>{p.timeZone.replaceAll('_', ' ')}</Table.Td>
                    <Table.Td>{INVITATION_LABELS[p.invitationType]}</Table.Td>
                    <Table.Td>
                      <ActionIcon variant="subtle" aria-label={`Edit ${p.name}`} onClick={() => setEditing(p)}>
                        <IconPencil size={16} aria-hidden="true" />
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </QueryState>
      </Paper>
      {editing && (
        <ParticipantDrawer
          key={editing === 'new' ? 'new' : editing.id}
          participant={editing === 'new' ? null : editing}
          defaultTimeZone={me.organization.timeZone}
          onClose={() => setEditing(null)}
          onOpenExisting={setEditing}
        />
      )}
    </>
  );
}
