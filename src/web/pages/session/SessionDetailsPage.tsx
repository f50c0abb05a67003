import { Alert, Anchor, Breadcrumbs, Button, Group, Paper, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { IconVideo } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { formatSessionTime } from '../../../shared/format';
import type { SessionDetails } from '../../../shared/sessions';
import { useSessionDetails } from '../../api/queries';
import { useCurrentUser } from '../../auth/sign-in';
import { ChatPanel } from '../../components/ChatPanel/ChatPanel';
import { invalidateSession } from '../../components/ManageSessionMenu/invalidate';
import { ManageSessionMenu } from '../../components/ManageSessionMenu/ManageSessionMenu';
import { QueryState } from '../../components/QueryState/QueryState';
import { SessionStatusBadge } from '../../components/SessionStatusBadge/SessionStatusBadge';
import { useNow } from '../../lib/useNow';
import { useSessionLive } from '../../live/useSessionLive';
import { wakeAudio } from '../../video/audio-level';
import { staffCanJoin, useJoinWindowMinutes } from '../../video/joinable';
import { useCall } from '../../video/useCall';
import { DocumentsTab } from './DocumentsTab';
import { HistoryTab } from './HistoryTab';
import { MedCartTab } from './MedCartTab';
import { NotesTab } from './NotesTab';
import { ParticipantsCard } from './ParticipantsCard';
import { AttendanceCard } from './video/AttendanceCard';
import { LifecycleActions } from './video/LifecycleActions';
import { LobbyCard } from './video/LobbyCard';
import { SessionCall } from './video/SessionCall';

const TABS = ['documents', 'notes', 'history', 'medcart'] as const;

/** The session details overview (/sessions/:id): when, who, how, its call, then Documents, Notes, History and MedCart. */
export function SessionDetailsPage() {
  const { id = '' } = useParams();
  const details = useSessionDetails(id);
  return <QueryState query={details}>{details.data && <SessionDetailsView key={details.data.id} session={details.data} />}</QueryState>;
}

/**
 * One session's page. It holds the page's one live channel: the chat and the call share it.
 * `?call=1` (from the dashboard's or the Meet Now confirmation's "Join") opens the device check.
 */
function SessionDetailsView({ session }: { readonly session: SessionDetails }) {
  const [params, setParams] = useSearchParams();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const { chat, channel } = useSessionLive(
    { kind: 'staff', sessionId: session.id },
    { kind: 'staff', id: me.id },
    { onSessionChanged: () => invalidateSession(queryClient, session.id) },
  );
  const call = useCall(channel, { kind: 'staff', sessionId: session.id });
  const [checking, setChecking] = useState(() => params.get('call') === '1');
  const joinable = staffCanJoin(session, useNow(), useJoinWindowMinutes());
  const tab = TABS.find((t) => t === params.get('tab')) ?? 'documents';
  const isVideo = session.sessionType.modality === 'video';

  const openCheck = (open: boolean) => {
    if (open) wakeAudio();
    setChecking(open);
    if (!open && params.has('call')) {
      const next = new URLSearchParams(params);
      next.delete('call');
      setParams(next, { replace: true });
    }
  };

  return (
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
        <Group gap="sm">
          {joinable && call.state.phase !== 'in_call' && call.state.phase !== 'joining' && !checking && (
            <Button leftSection={<IconVideo size={18} aria-hidden="true" />} onClick={() => openCheck(true)}>
              Join
            </Button>
          )}
          <LifecycleActions session={session} />
          <ChatPanel session={session} chat={chat} />
          <ManageSessionMenu session={session} />
        </Group>
      </Group>
      {session.status === 'canceled' && (
        <Alert color="red" title="This session was canceled">
          {session.cancelReason}
        </Alert>
      )}

      {isVideo && <LobbyCard sessionId={session.id} waiting={call.state.lobby} />}
      {isVideo && <SessionCall session={session} call={call} chat={chat} checking={checking && joinable} onChecking={openCheck} />}

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
      <AttendanceCard sessionId={session.id} enabled={isVideo && session.startedAt !== null} live={session.status === 'in_progress'} viewerTimeZone={me.timeZone} />

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
            <MedCartTab session={session} viewerTimeZone={me.timeZone} />
          </Tabs.Panel>
        </Tabs>
      </Paper>
    </Stack>
  );
}
