import { ActionIcon, Button, Group, Table, TextInput, VisuallyHidden } from '@mantine/core';
import { IconPencil, IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { MODALITY_LABELS, type SessionType } from '../../../shared/catalog';
import { searchByName } from '../../../shared/search';
import { ActiveBadge } from '../../components/StatusBadge/StatusBadge';
import { SessionTypeDrawer } from './SessionTypeDrawer';

export function SessionTypesTab({ sessionTypes }: { readonly sessionTypes: SessionType[] }) {
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<SessionType | 'new' | null>(null);
  const visible = searchByName(sessionTypes, search, (t) => t.name);

  return (
    <>
      <Group justify="space-between" mb="md">
        <TextInput
          aria-label="Search session types"
          placeholder="Search by name"
          leftSection={<IconSearch size={16} aria-hidden="true" />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          w={320}
        />
        <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setEditing('new')}>
          Add session type
        </Button>
      </Group>
      <Table verticalSpacing="sm" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Session type</Table.Th>
            <Table.Th>How it takes place</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {visible.map((type) => (
            <Table.Tr key={type.id}>
              <Table.Td fw={500}>{type.name}</Table.Td>
              <Table.Td>{MODALITY_LABELS[type.modality]}</Table.Td>
              <Table.Td>
                <ActiveBadge active={type.active} />
              </Table.Td>
              <Table.Td>
                <ActionIcon variant="subtle" aria-label={`Edit ${type.name}`} onClick={() => setEditing(type)}>
                  <IconPencil size={16} aria-hidden="true" />
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {editing && (
        <SessionTypeDrawer
          key={editing === 'new' ? 'new' : editing.id}
          sessionType={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
