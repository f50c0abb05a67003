import { ActionIcon, Badge, Button, Checkbox, Group, Paper, Table, TextInput, VisuallyHidden } from '@mantine/core';
import { IconPencil, IconPlus, IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { ROLE_LABELS } from '../../../shared/roles';
import type { StaffUser } from '../../../shared/users';
import { useCurrentUser } from '../../auth/sign-in';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { QueryState } from '../../components/QueryState/QueryState';
import { useUsers } from './api';
import { InvitationStatus } from './InvitationStatus';
import { MfaStatus } from './MfaStatus';
import { UserDrawer } from './UserDrawer';

const matches = (user: StaffUser, search: string) => {
  const needle = search.trim().toLocaleLowerCase();
  return !needle || user.name.toLocaleLowerCase().includes(needle) || user.email.includes(needle);
};

export function UsersPage() {
  const me = useCurrentUser();
  const [includeDeactivated, setIncludeDeactivated] = useState(false);
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<StaffUser | 'new' | null>(null);
  const users = useUsers({ includeDeactivated });
  const visible = useMemo(() => (users.data ?? []).filter((u) => matches(u, search)), [users.data, search]);

  return (
    <>
      <PageHeader
        title="Users"
        description="Staff who sign in to Carebeam, and what each may do."
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setEditing('new')}>
            Add user
          </Button>
        }
      />
      <Paper withBorder radius="md" p="md">
        <Group mb="md" justify="space-between">
          <TextInput
            aria-label="Search users"
            placeholder="Search by name or email"
            leftSection={<IconSearch size={16} aria-hidden="true" />}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            w={320}
          />
          <Checkbox
            label="Show deactivated users"
            checked={includeDeactivated}
            onChange={(event) => setIncludeDeactivated(event.currentTarget.checked)}
          />
        </Group>
        <QueryState query={users} empty={visible.length === 0} emptyMessage="No user matches your search.">
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Email</Table.Th>
                  <Table.Th>Roles</Table.Th>
                  <Table.Th>Time zone</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Two-step sign-in</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {visible.map((user) => (
                  <Table.Tr key={user.id}>
                    <Table.Td fw={500}>{user.name}</Table.Td>
                    <Table.Td>{user.email}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {user.roles.map((role) => (
                          <Badge key={role} variant="light" size="sm">
                            {ROLE_LABELS[role]}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>{user.timeZone}</Table.Td>
                    <Table.Td>
                      <InvitationStatus user={user} />
                    </Table.Td>
                    <Table.Td>
                      <MfaStatus user={user} />
                    </Table.Td>
                    <Table.Td>
                      <ActionIcon variant="subtle" aria-label={`Edit ${user.name}`} onClick={() => setEditing(user)}>
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
        <UserDrawer
          key={editing === 'new' ? 'new' : editing.id}
          user={editing === 'new' ? null : editing}
          defaultTimeZone={me.organization.timeZone}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
