import { Alert, Anchor, Breadcrumbs, Group, Paper, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { Link, useParams, useSearchParams } from 'react-router';
import { formatSessionTime } from '../../../shared/format';
import { useSessionDetails } from '../../api/queries';
import { useCurrentUser } from '../../auth/session';
import { ManageSessionMenu } from '../../components/ManageSessionMenu/ManageSessionMenu';
import { QueryState } from '../../components/QueryState/QueryState';
import { SessionStatusBadge } from '../../components/SessionStatusBadge/SessionStatusBadge';
import { DocumentsTab } from './DocumentsTab';
import { HistoryTab } from './HistoryTab';
import { MedCartTab } from './MedCartTab';
import { NotesTab } from './NotesTab';
import { ParticipantsCard } from './ParticipantsCard';

const TABS = ['documents', 'notes', 'history', 'medcart'] as const;

/** The session details overview (/sessions/:id): when, who, how, then Documents, Notes, History and MedCart. */
export function SessionDetailsPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const me = useCurrentUser();
  const details = useSessionDetails(id);
  const session = details.data;
  const tab = TABS.find((t) => t === params.get('tab')) ?? 'documents';

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
            <ManageSessionMenu session={session} />
          </Group>
          {session.status === 'canceled' && (
            <Alert color="red" title="This session was canceled">
              {session.cancelReason}
            </Alert>
          )}

          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {[
              ['Session type', session.sessionType.name],
              ['Host', session.host.name],
              ['Scheduled by', session.createdBy.name],
            ].map(([label, value]) => (
              <Paper key={label} withBorder radius="md" p="md">
                <Text size="xs" c="dimmed" tt="uppercase">
                  {label}
                </Text>
                <Text fw={500}>{value}</Text>
              </Paper>
            ))}
          </SimpleGrid>

          <ParticipantsCard session={session} viewerTimeZone={me.timeZone} startAdding={params.get('add') === 'participant'} />

          <Paper withBorder radius="md" p="md">
            <Tabs value={tab} onChange={(value) => setParams(value && value !== 'documents' ? { tab: value } : {}, { replace: true })} keepMounted={false}>
              <Tabs.List mb="md">
                <Tabs.Tab value="documents">Documents</Tabs.Tab>
                <Tabs.Tab value="notes">Notes</Tabs.Tab>
                <Tabs.Tab value="history">History</Tabs.Tab>
                <Tabs.Tab value="medcart">MedCart</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="documents">
                <DocumentsTab session={session} />
              </Tabs.Panel>
              <Tabs.Panel value="notes">
                <NotesTab sessionId={session.id} viewerTimeZone={me.timeZone} />
              </Tabs.Panel>
              <Tabs.Panel value="history">
                <HistoryTab sessionId={session.id} viewerTimeZone={me.timeZone} />
              </Tabs.Panel>
              <Tabs.Panel value="medcart">
                <MedCartTab />
              </Tabs.Panel>
            </Tabs>
          </Paper>
        </Stack>
      )}
    </QueryState>
  );
}
