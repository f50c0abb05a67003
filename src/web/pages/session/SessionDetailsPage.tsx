import { Anchor, Badge, Breadcrumbs, Group, Paper, SimpleGrid, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { AUDIENCE_LABELS } from '../../../shared/documents';
import { INVITATION_LABELS } from '../../../shared/participants';
import { useSessionDetails } from '../../api/queries';
import { useCurrentUser } from '../../auth/session';
import { CopyLinkButton } from '../../components/CopyLinkButton/CopyLinkButton';
import { ManageSessionMenu } from '../../components/ManageSessionMenu/ManageSessionMenu';
import { QueryState } from '../../components/QueryState/QueryState';
import { SessionStatusBadge } from '../../components/SessionStatusBadge/SessionStatusBadge';
import { formatSessionTime } from '../../../shared/format';

/** The session details overview: when, who, how, and the documents assigned. */
export function SessionDetailsPage() {
  const { id = '' } = useParams();
  const me = useCurrentUser();
  const details = useSessionDetails(id);
  const session = details.data;

  return (
    <QueryState query={details}>
      {session && (
        <Stack gap="md">
          <Breadcrumbs>
            <Anchor component={Link} to="/appointments" size="sm">
              My Appointments
            </Anchor>
            <Text size="sm">{session.service.name}</Text>
          </Breadcrumbs>
          <Group justify="space-between" align="flex-start">
            <Stack gap={4}>
              <Group gap="sm">
                <Title order={1} size="h2">
                  {session.service.name}
                </Title>
                <SessionStatusBadge status={session.status} />
              </Group>
              <Text>{formatSessionTime(session.start, session.end, me.timeZone)}</Text>
              {session.host.timeZone !== me.timeZone && (
                <Text size="sm" c="dimmed">
                  Host’s time: {formatSessionTime(session.start, session.end, session.host.timeZone)}
                </Text>
              )}
            </Stack>
            <ManageSessionMenu sessionId={session.id} label={session.service.name} />
          </Group>

          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Paper withBorder radius="md" p="md">
              <Text size="xs" c="dimmed" tt="uppercase">
                Session type
              </Text>
              <Text fw={500}>{session.sessionType.name}</Text>
            </Paper>
            <Paper withBorder radius="md" p="md">
              <Text size="xs" c="dimmed" tt="uppercase">
                Host
              </Text>
              <Text fw={500}>{session.host.name}</Text>
            </Paper>
            <Paper withBorder radius="md" p="md">
              <Text size="xs" c="dimmed" tt="uppercase">
                Scheduled by
              </Text>
              <Text fw={500}>{session.createdBy.name}</Text>
            </Paper>
          </SimpleGrid>

          <Paper withBorder radius="md" p="md">
            <Title order={2} size="h4" mb="sm">
              Participants
            </Title>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Contact</Table.Th>
                  <Table.Th>Time zone</Table.Th>
                  <Table.Th>Invitation</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Private link</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {session.participants.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td fw={500}>{p.name}</Table.Td>
                    <Table.Td>{[p.email, p.phone].filter(Boolean).join(' · ') || '—'}</Table.Td>
                    <Table.Td>{p.timeZone.replaceAll('_', ' ')}</Table.Td>
                    <Table.Td>{INVITATION_LABELS[p.invitationType]}</Table.Td>
                    <Table.Td>
                      <CopyLinkButton sessionId={session.id} participant={p} viewerTimeZone={me.timeZone} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>

          <Paper withBorder radius="md" p="md">
            <Title order={2} size="h4" mb="sm">
              Documents
            </Title>
            {session.documents.length === 0 ? (
              <Text size="sm" c="dimmed">
                No documents are assigned to this session.
              </Text>
            ) : (
              <Table verticalSpacing="xs">
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
                          {d.status === 'completed' ? 'Completed' : 'Pending'}
                        </Badge>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Paper>
        </Stack>
      )}
    </QueryState>
  );
}
