import { Box, Group, Paper, ScrollArea, Text, UnstyledButton } from '@mantine/core';
import { useNavigate } from 'react-router';
import type { Session } from '../../../shared/sessions';
import { addDays, dateIn, formatCalendarDate, formatClock, formatSessionTime, minutesOfDay } from '../../../shared/format';
import { useNow } from '../../lib/useNow';
import classes from './WeekCalendar.module.css';

export interface WeekCalendarProps {
  readonly sessions: Session[];
  readonly timeZone: string;
  /** Monday of the week shown, YYYY-MM-DD in the viewer's zone. */
  readonly weekStart: string;
  readonly showHost: boolean;
}

const PX_PER_MINUTE = 0.9;

/** Seven day columns with each session placed at its time in the viewer's zone. */
export function WeekCalendar({ sessions, timeZone, weekStart, showHost }: WeekCalendarProps) {
  const navigate = useNavigate();
  const days = Array.from({ length: 7 }, (_, i) => addDays(weekStart, i));
  const today = dateIn(useNow(), timeZone);
  const placed = sessions.map((session) => {
    const startMinute = minutesOfDay(session.start, timeZone);
    const length = (Date.parse(session.end) - Date.parse(session.start)) / 60_000;
    return { session, day: dateIn(session.start, timeZone), startMinute, endMinute: Math.min(startMinute + length, 24 * 60) };
  });
  const firstHour = Math.min(7, ...placed.map((p) => Math.floor(p.startMinute / 60)));
  const lastHour = Math.max(19, ...placed.map((p) => Math.ceil(p.endMinute / 60)));
  const hours = Array.from({ length: lastHour - firstHour }, (_, i) => firstHour + i);
  const height = (lastHour - firstHour) * 60 * PX_PER_MINUTE;

  return (
    <Paper withBorder radius="md">
      <ScrollArea type="auto">
        <Box className={classes.grid} miw={860}>
          <div />
          {days.map((day) => (
            <Box key={day} className={classes.dayHeader} data-today={day === today || undefined}>
              <Text size="xs" c="dimmed" tt="uppercase">
                {formatCalendarDate(day, { weekday: 'short' })}
              </Text>
              <Text fw={600}>{formatCalendarDate(day, { month: 'short', day: 'numeric' })}</Text>
            </Box>
          ))}
          <Box className={classes.hours} h={height}>
            {hours.map((hour) => (
              <Text key={hour} size="xs" c="dimmed" className={classes.hourLabel} style={{ top: (hour - firstHour) * 60 * PX_PER_MINUTE }}>
                {formatClock(Date.UTC(2026, 0, 5, hour), 'UTC')}
              </Text>
            ))}
          </Box>
          {days.map((day) => (
            <Box key={day} className={classes.dayColumn} h={height} aria-label={formatCalendarDate(day)} role="group">
              {hours.map((hour) => (
                <div key={hour} className={classes.hourLine} style={{ top: (hour - firstHour) * 60 * PX_PER_MINUTE }} />
              ))}
              {placed
                .filter((p) => p.day === day)
                .map(({ session, startMinute, endMinute }) => (
                  <UnstyledButton
                    key={session.id}
                    className={classes.event}
                    data-status={session.status}
                    style={{ top: (startMinute - firstHour * 60) * PX_PER_MINUTE, height: Math.max((endMinute - startMinute) * PX_PER_MINUTE, 24) }}
                    onClick={() => navigate(`/sessions/${session.id}`)}
                    aria-label={`${session.service.name}, ${formatSessionTime(session.start, session.end, timeZone)}, with ${session.participants.map((p) => p.name).join(', ')}`}
                  >
                    <Group gap={4} wrap="nowrap">
                      <Text size="xs" fw={700}>
                        {formatClock(session.start, timeZone)}
                      </Text>
                      <Text size="xs" truncate>
                        {session.service.name}
                      </Text>
                    </Group>
                    <Text size="xs" truncate c="dimmed">
                      {session.participants.map((p) => p.name).join(', ')}
                      {showHost ? ` · ${session.host.name}` : ''}
                    </Text>
                  </UnstyledButton>
                ))}
            </Box>
          ))}
        </Box>
      </ScrollArea>
    </Paper>
  );
}
