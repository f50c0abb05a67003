import { Alert, Badge, Button, Checkbox, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { AUDIENCE_LABELS } from '../../../shared/documents';
import { formatTime } from '../../../shared/format';
import type { SessionDetails } from '../../../shared/sessions';
import { api } from '../../api/client';
import { useDocumentTemplates } from '../../api/queries';
import { useCurrentUser } from '../../auth/session';
import { invalidateSession } from '../../components/ManageSessionMenu/invalidate';

export interface DocumentsTabProps {
  readonly session: SessionDetails;
}

/** The documents assigned and their state per person; assign and unassign. */
export function DocumentsTab({ session }: DocumentsTabProps) {
  const me = useCurrentUser();
  const templates = useDocumentTemplates();
  const queryClient = useQueryClient();
  const assigned = [...new Set(session.documents.map((d) => d.templateId))];
  const completedTemplates = new Set(session.documents.filter((d) => d.status === 'completed').map((d) => d.templateId));
  const [choice, setChoice] = useState<string[] | null>(null);
  const open = session.status === 'scheduled' || session.status === 'in_progress';
  const save = useMutation({
    mutationFn: (documentTemplateIds: string[]) => api(`/sessions/${session.id}/documents`, { method: 'PUT', body: { documentTemplateIds } }),
    onSuccess: () => {
      invalidateSession(queryClient, session.id);
      setChoice(null);
      notifications.show({ color: 'teal', title: 'Documents updated', message: 'Participants see their documents on their page.' });
    },
  });

  return (
    <Stack gap="md">
      {session.documents.length === 0 ? (
        <Text size="sm" c="dimmed">
          No documents are assigned to this session.
        </Text>
      ) : (
        <Table verticalSpacing="xs" aria-label="Assigned documents">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Document</Table.Th>
              <Table.Th>For</Table.Th>
              <Table.Th>State</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {session.documents.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td fw={500}>{d.name}</Table.Td>
                <Table.Td>
                  {d.assignee.name}{' '}
                  <Badge size="xs" variant="light" color={d.audience === 'host' ? 'grape' : 'blue'}>
                    {AUDIENCE_LABELS[d.audience]}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="dot" color={d.status === 'completed' ? 'teal' : 'yellow'}>
                    {d.status === 'completed' ? `Completed ${d.completedAt ? formatTime(d.completedAt, me.timeZone) : ''}` : 'Pending'}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      {open && choice === null && (
        <Button variant="light" w="fit-content" onClick={() => setChoice(assigned)}>
          Assign or unassign documents
        </Button>
      )}
      {open && choice !== null && (
        <Stack gap="sm">
          {save.isError && <Alert color="red">{save.error.message}</Alert>}
          <Checkbox.Group label="Documents for this session" description="Participant documents go to each participant; host documents to the host. Completed documents stay." value={choice} onChange={setChoice}>
            <Stack gap="xs" mt="xs">
              {(templates.data ?? []).map((t) => (
                <Checkbox key={t.id} value={t.id} disabled={completedTemplates.has(t.id)} label={`${t.name} (${AUDIENCE_LABELS[t.audience]})`} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Group gap="xs">
            <Button onClick={() => save.mutate(choice)} loading={save.isPending}>
              Save documents
            </Button>
            <Button variant="default" onClick={() => setChoice(null)}>
              Cancel
            </Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
