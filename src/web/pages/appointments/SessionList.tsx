import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import type { MouseEvent } from 'react';
import { IconFileCheck, IconFileText, IconHourglass, IconMessages, IconVideo } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import type { Session } from '../../../shared/sessions';
import { ManageSessionMenu } from '../../components/ManageSessionMenu/ManageSessionMenu';
import { SessionStatusBadge } from '../../components/SessionStatusBadge/SessionStatusBadge';
import { dateIn, formatCalendarDate, formatTimeRange } from '../../../shared/format';
import { useNow } from '../../lib/useNow';
import { staffCanJoin, useJoinWindowMinutes } from '../../video/joinable';
import { useWaitingAlert } from '../../video/useWaitingAlert';

export interface SessionListProps {
  readonly sessions: Session[];
  readonly timeZone: string;
  readonly showHost: boolean;
  /** Unread chat messages per session id, where known. */
  readonly unread?: ReadonlyMap<string, number>;
  /** How many wait to be let into each session's call, where known. */
  readonly waiting?: ReadonlyMap<string, number>;
}

/** Paperwork at a glance: how many of the session's documents are completed. */
function DocumentProgress({ progress }: { readonly progress: Session['documentProgress'] }) {
  if (progress.total === 0) return null;
  const done = progress.completed === progress.total;
  const Icon = done ? IconFileCheck : IconFileText;
  return (
    <Badge size="xs" variant="light" color={done ? 'teal' : 'gray'} tt="none" leftSection={<Icon size={12} aria-hidden="true" />}>
      <span aria-hidden="true">
        Documents {progress.completed}/{progress.total}
      </span>
      <VisuallyHidden>
        {progress.completed} of {progress.total} documents completed
      </VisuallyHidden>
    </Badge>
  );
}

function ChatUnread({ count }: { readonly count: number }) {
  if (count <= 0) return null;
  return (
    <Badge size="xs" variant="filled" color="red" tt="none" leftSection={<IconMessages size={12} aria-hidden="true" />}>
      {count}
      <VisuallyHidden> unread chat messages</VisuallyHidden>
    </Badge>
  );
}

function Waiting({ count }: { readonly count: number }) {
  if (count <= 0) return null;
  return (
    <Badge size="xs" variant="filled" color="yellow.8" tt="none" leftSection={<IconHourglass size={12} aria-hidden="true" />}>
      {count} waiting
    </Badge>
  );
}

/** One key per person waiting in any of these sessions, so the chime rings when the count grows. */
const waitingKeys = (waiting: ReadonlyMap<string, number> | undefined) =>
  [...(waiting ?? [])].flatMap(([sessionId, count]) => Array.from({ length: count }, (_, i) => `${sessionId}:${i}`));

/** "With Ana, Ben · Host: Dr Lee": who the session is with, and its host when the viewer sees several hosts. */
const participantLine = (session: Session, showHost: boolean) =>
  `${session.participants.length > 0 ? `With ${session.participants.map((p) => p.name).join(', ')}` : 'No participants'}${showHost ? ` · Host: ${session.host.name}` : ''}`;

/** Sessions grouped by day, as the viewer's zone names the days; "Join" on each whose call may be joined now. */
export function SessionList({ sessions, timeZone, showHost, unread, waiting }: SessionListProps) {
  const navigate = useNavigate();
  const now = useNow();
  const joinWindowMinutes = useJoinWindowMinutes();
  useWaitingAlert(waitingKeys(waiting));
  const today = dateIn(now, timeZone);
  /** A click on the row opens the session, unless it was on a control of its own (or in a menu or dialog it opened). */
  const openFromRow = (event: MouseEvent<HTMLDivElement>, id: string) => {
    const target = event.target as HTMLElement;
    if (!event.currentTarget.contains(target) || target.closest('a, button, input, [role="menu"], [role="dialog"]')) return;
    navigate(`/sessions/${id}`);
  };
  const days = new Map<string, Session[]>();
  for (const session of sessions) {
    const day = dateIn(session.start, timeZone);
    days.set(day, [...(days.get(day) ?? []), session]);
  }

  return (
    <Stack gap="lg">
      {[...days].map(([day, items]) => (
        <section key={day} aria-labelledby={`day-${day}`}>
          <Group gap="xs" mb="xs">
            <Title order={2} size="h5" id={`day-${day}`}>
              {formatCalendarDate(day, { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' })}
            </Title>
            {day === today && (
              <Badge size="sm" variant="filled">
                Today
              </Badge>
            )}
          </Group>
          <Stack gap="xs">
            {items.map((session) => (
              <Paper key={session.id} withBorder radius="md" p="sm" data-testid="session-row" style={{ cursor: 'pointer' }} onClick={(event: MouseEvent<HTMLDivElement>) => openFromRow(event, session.id)}>
                {/* On a phone the time, the session and its actions stack; the actions never shrink. */}
                <Group justify="space-between" wrap="wrap" align="flex-start" gap="xs">
                  <Group gap="lg" wrap="wrap" align="flex-start" style={{ flex: '1 1 260px', minWidth: 0 }}>
                    <Text size="sm" fw={600} w={{ base: '100%', sm: 190 }} style={{ flexShrink: 0 }}>
                      {formatTimeRange(session.start, session.end, timeZone)}
                    </Text>
                    <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
                      <Group gap="xs">
                        {/* The row's link, for the keyboard (Enter) and screen readers; a click anywhere on the row does the same. */}
                        <Anchor component={Link} to={`/sessions/${session.id}`} size="sm" fw={600} c="inherit">
                          {session.service.name}
                        </Anchor>
                        <Badge size="xs" variant="outline" color="gray">
                          {session.sessionType.name}
                        </Badge>
                        <SessionStatusBadge status={session.status} />
                        <DocumentProgress progress={session.documentProgress} />
                        <ChatUnread count={unread?.get(session.id) ?? 0} />
                        <Waiting count={waiting?.get(session.id) ?? 0} />
                      </Group>
                      {/* A very long name ends in an ellipsis; the whole line stays in its title. */}
                      <Text size="sm" c="dimmed" truncate="end" title={participantLine(session, showHost)}>
                        {participantLine(session, showHost)}
                      </Text>
                    </Stack>
                  </Group>
                  <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
                    {staffCanJoin(session, now, joinWindowMinutes) && (
                      <Button size="xs" leftSection={<IconVideo size={14} aria-hidden="true" />} onClick={() => navigate(`/sessions/${session.id}?call=1`)}>
                        Join
                      </Button>
                    )}
                    <ManageSessionMenu session={session} />
                  </Group>
                </Group>
              </Paper>
            ))}
          </Stack>
        </section>
      ))}
    </Stack>
  );
}
