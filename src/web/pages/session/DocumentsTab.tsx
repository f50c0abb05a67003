import { ActionIcon, Alert, Badge, Button, Checkbox, Group, Stack, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useSingleFlightMutation } from '../../api/single-flight';
import { useState } from 'react';
import { IconDownload } from '@tabler/icons-react';
import { AUDIENCE_LABELS, type SessionDocument } from '../../../shared/documents';
import type { SessionDetails } from '../../../shared/sessions';
import { api } from '../../api/client';
import { useDocumentTemplates } from '../../api/queries';
import { useCurrentUser } from '../../auth/sign-in';
import { invalidateSession } from '../../components/ManageSessionMenu/invalidate';
import { formatMoment } from '../../lib/format-moment';
import { signedPdfUrl } from './session-api';
import { SessionDocumentDrawer } from './SessionDocumentDrawer';

export interface DocumentsTabProps {
  readonly session: SessionDetails;
}

/** The documents assigned and their state per person; complete the host's own, read and download completed ones; assign and unassign. */
export function DocumentsTab({ session }: DocumentsTabProps) {
  const me = useCurrentUser();
  const templates = useDocumentTemplates();
  const queryClient = useQueryClient();
  const assigned = [...new Set(session.documents.map((d) => d.templateId))];
  const completedTemplates = new Set(session.documents.filter((d) => d.status === 'completed').map((d) => d.templateId));
  const [choice, setChoice] = useState<string[] | null>(null);
  const open = session.status === 'scheduled' || session.status === 'in_progress';
  const [viewing, setViewing] = useState<SessionDocument | null>(null);
  const toComplete = (d: SessionDocument) => open && d.status === 'pending' && d.assignee.kind === 'host' && d.assignee.id === me.id;
  const save = useSingleFlightMutation({
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
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
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
                  <Badge size="sm" variant="dot" color={d.status === 'completed' ? 'teal' : 'yellow'} tt="none">
                    {d.status === 'completed' ? 'Completed' : 'Pending'}
                  </Badge>
                  {d.completedAt && (
                    <Text size="xs" c="dimmed" mt={2}>
                      {formatMoment(d.completedAt, me.timeZone)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end" wrap="nowrap">
                    {d.status === 'completed' && (
                      <Tooltip label="Download signed PDF">
                        <ActionIcon component="a" href={signedPdfUrl(session.id, d.id)} download variant="subtle" aria-label={`Download signed PDF of ${d.name}`}>
                          <IconDownload size={16} aria-hidden="true" />
                        </ActionIcon>
                      </Tooltip>
                    )}
                    {toComplete(d) ? (
                      <Button size="xs" onClick={() => setViewing(d)}>
                        Complete
                      </Button>
                    ) : (
                      <Button size="xs" variant="default" onClick={() => setViewing(d)} aria-label={`View ${d.name} for ${d.assignee.name}`}>
                        View
                      </Button>
                    )}
                  </Group>
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
      {viewing && (
        <SessionDocumentDrawer key={viewing.id} sessionId={session.id} documentId={viewing.id} title={viewing.name} open={open} onClose={() => setViewing(null)} />
      )}
    </Stack>
  );
}
