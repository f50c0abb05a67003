import { Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { dateIn, formatTime, formatTimeRange } from '../../../../shared/format';
import type { Attendance } from '../../../../shared/video';
import { formatMoment } from '../../../lib/format-moment';
import { useAttendance } from './video-api';

export interface AttendanceCardProps {
  readonly sessionId: string;
  /** Only a video session that has started can have attendance. */
  readonly enabled: boolean;
  readonly live: boolean;
  readonly viewerTimeZone: string;
}

type Interval = Attendance['items'][number]['intervals'][number];

/** "10:02 – 10:31 AM EST"; with dates when it crosses midnight in the viewer's zone; "from 10:02 AM EST, still in the call" while open. */
export function formatInterval({ from, to }: Interval, timeZone: string): string {
  if (!to) return `from ${formatTime(from, timeZone)}, still in the call`;
  if (dateIn(from, timeZone) !== dateIn(to, timeZone)) return `${formatMoment(from, timeZone)} – ${formatMoment(to, timeZone)}`;
  return formatTimeRange(from, to, timeZone);
}

/** Who was in the call, from when to when, and their total minutes: what telehealth is billed by. Hidden until someone joined. */
export function AttendanceCard({ sessionId, enabled, live, viewerTimeZone }: AttendanceCardProps) {
  const headingId = useId();
  const attendance = useAttendance(sessionId, { enabled, live });
  const items = attendance.data?.items ?? [];
  if (items.length === 0) return null;

  return (
    <Paper component="section" aria-labelledby={headingId} withBorder radius="md" p="md">
      <Title order={2} size="h4" id={headingId} mb="xs">
        Attendance
      </Title>
      <Table.ScrollContainer minWidth={480}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Who</Table.Th>
              <Table.Th>In the call</Table.Th>
              <Table.Th ta="right">Minutes</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => (
              <Table.Tr key={`${item.kind}:${item.id}`}>
                <Table.Td>
                  <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                    {item.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {item.kind === 'staff' ? 'Clinic' : 'Participant'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Stack gap={0}>
                    {item.intervals.map((interval) => (
                      <Text key={interval.from} size="sm">
                        {formatInterval(interval, viewerTimeZone)}
                      </Text>
                    ))}
                  </Stack>
                </Table.Td>
                <Table.Td ta="right">{item.minutes}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
