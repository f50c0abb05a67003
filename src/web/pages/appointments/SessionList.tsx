import { Badge, Group, Paper, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconFileCheck, IconFileText } from '@tabler/icons-react';
import type { Session } from '../../../shared/sessions';
import { ManageSessionMenu } from '../../components/ManageSessionMenu/ManageSessionMenu';
import { SessionStatusBadge } from '../../components/SessionStatusBadge/SessionStatusBadge';
import { dateIn, formatCalendarDate, formatTimeRange } from '../../../shared/format';
import { useNow } from '../../lib/useNow';

export interface SessionListProps {
  readonly sessions: Session[];
  readonly timeZone: string;
  readonly showHost: boolean;
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

/** Sessions grouped by day, as the viewer's zone names the days. */
export function SessionList({ sessions, timeZone, showHost }: SessionListProps) {
  const today = dateIn(useNow(), timeZone);
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
              <Paper key={session.id} withBorder radius="md" p="sm" data-testid="session-row">
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Group gap="lg" wrap="nowrap" align="flex-start">
                    <Text size="sm" fw={600} w={190} style={{ flexShrink: 0 }}>
                      {formatTimeRange(session.start, session.end, timeZone)}
                    </Text>
                    <Stack gap={2}>
                      <Group gap="xs">
                        <Text size="sm" fw={600}>
                          {session.service.name}
                        </Text>
                        <Badge size="xs" variant="outline" color="gray">
                          {session.sessionType.name}
                        </Badge>
                        <SessionStatusBadge status={session.status} />
                        <DocumentProgress progress={session.documentProgress} />
                      </Group>
                      <Text size="sm" c="dimmed">
                        {session.participants.length > 0 ? `With ${session.participants.map((p) => p.name).join(', ')}` : 'No participants'}
                        {showHost ? ` · Host: ${session.host.name}` : ''}
                      </Text>
                    </Stack>
                  </Group>
                  <ManageSessionMenu session={session} />
                </Group>
              </Paper>
            ))}
          </Stack>
        </section>
      ))}
    </Stack>
  );
}
