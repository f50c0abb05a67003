import { Anchor, Badge, Group, Paper, Select, Table, Text } from '@mantine/core';
import { IconMail, IconMessage } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { MESSAGE_KIND_LABELS, type OutboxMessage } from '../../../shared/outbox';
import { api } from '../../api/client';
import { formatMoment } from '../../lib/format-moment';
import { useCurrentUser } from '../../auth/sign-in';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { QueryState } from '../../components/QueryState/QueryState';
import { MessageViewer } from './MessageViewer';

const STATUS_COLORS = { queued: 'yellow', sent: 'teal', failed: 'red' } as const;

/** Every invitation, update and reminder, with its delivery state. */
export function OutboxPage() {
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const [status, setStatus] = useState<string | null>(null);
  const [channel, setChannel] = useState<string | null>(null);
  const [open, setOpen] = useState<OutboxMessage | null>(null);
  const sessionId = params.get('sessionId');
  const query = new URLSearchParams({ limit: '200' });
  if (sessionId) query.set('sessionId', sessionId);
  if (status) query.set('status', status);
  if (channel) query.set('channel', channel);
  const messages = useQuery({
    queryKey: ['outbox', query.toString()],
    queryFn: () => api<OutboxMessage[]>(`/outbox?${query}`),
    refetchInterval: 10_000,
  });

  return (
    <>
      <PageHeader title="Outbox" description="Every email and SMS Carebeam sends, and how its delivery went." />
      <Paper withBorder radius="md" p="md">
        <Group mb="md" gap="sm">
          <Select aria-label="Status" placeholder="All statuses" data={['queued', 'sent', 'failed']} value={status} onChange={setStatus} clearable w={160} />
          <Select
            aria-label="Channel"
            placeholder="Email and SMS"
            data={[
              { value: 'email', label: 'Email' },
              { value: 'sms', label: 'SMS' },
            ]}
            value={channel}
            onChange={setChannel}
            clearable
            w={160}
          />
          {sessionId && (
            <Badge variant="light" size="lg" rightSection={<Anchor size="xs" onClick={() => setParams({})}>clear</Anchor>}>
              One session
            </Badge>
          )}
        </Group>
        <QueryState query={messages} empty={messages.data?.length === 0} emptyMessage="No messages yet. Invitations appear here when sessions are scheduled.">
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Created</Table.Th>
                  <Table.Th>To</Table.Th>
                  <Table.Th>Message</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Session</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {messages.data?.map((m) => (
                  <Table.Tr key={m.id} style={{ cursor: 'pointer' }} onClick={() => setOpen(m)}>
                    <Table.Td>
                      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                        {formatMoment(m.createdAt, me.timeZone)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        {m.channel === 'email' ? <IconMail size={16} aria-label="Email" /> : <IconMessage size={16} aria-label="SMS" />}
                        <Text size="sm">{m.to}</Text>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      {/* The subject already says what it is ("Reminder: …"); an SMS has none, so its kind stands in. */}
                      <Anchor component="button" size="sm" ta="left" onClick={() => setOpen(m)}>
                        {m.subject ?? MESSAGE_KIND_LABELS[m.kind]}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {MESSAGE_KIND_LABELS[m.kind]}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLORS[m.status]} variant="dot" style={{ overflow: 'visible' }} miw="max-content">
                        {m.status}
                        {m.transport ? ` · ${m.transport}` : ''}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {m.sessionId && (
                        <Anchor component={Link} to={`/sessions/${m.sessionId}`} size="sm" onClick={(event) => event.stopPropagation()}>
                          Open
                        </Anchor>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </QueryState>
      </Paper>
      {open && <MessageViewer message={open} timeZone={me.timeZone} onClose={() => setOpen(null)} />}
    </>
  );
}
