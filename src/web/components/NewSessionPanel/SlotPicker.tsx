import { Alert, Button, Group, Loader, SimpleGrid, Stack, Text, UnstyledButton } from '@mantine/core';
import { DatePicker } from '@mantine/dates';
import { IconBolt } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { dateIn, formatCalendarDate, formatClock, formatTime, zoneLabel } from '../../../shared/format';
import { useNow } from '../../lib/useNow';
import classes from './SlotPicker.module.css';
import { useFreeSlots } from './useFreeSlots';

export interface SlotPickerProps {
  readonly hostId: string | null;
  readonly serviceId: string | null;
  readonly viewerTimeZone: string;
  readonly date: string | null;
  readonly start: string | null;
  readonly meetNow: boolean;
  /** False where "now" makes no sense, e.g. when rescheduling. */
  readonly allowMeetNow?: boolean;
  readonly onDate: (date: string) => void;
  readonly onStart: (start: string) => void;
  readonly onMeetNow: () => void;
  readonly error?: string | undefined;
}

/**
 * A month calendar where days without free times are disabled, and the day's free times in the
 * host's zone (with the viewer's own time beside each when the zones differ). All times come
 * from the availability API; nothing is computed from the browser's clock or zone.
 */
export function SlotPicker(props: SlotPickerProps) {
  const { hostId, serviceId, viewerTimeZone, date, start, meetNow, allowMeetNow = true } = props;
  const now = useNow();
  const [month, setMonth] = useState(() => (date ?? dateIn(now, viewerTimeZone)).slice(0, 7) + '-01');
  const availability = useFreeSlots(hostId, serviceId, month);
  const hostZone = availability.data?.timeZone ?? viewerTimeZone;

  const slotsByDate = useMemo(() => {
    const byDate = new Map<string, string[]>();
    for (const slot of availability.data?.slots ?? []) {
      const day = dateIn(slot.start, hostZone);
      byDate.set(day, [...(byDate.get(day) ?? []), slot.start]);
    }
    return byDate;
  }, [availability.data, hostZone]);

  const ready = Boolean(hostId && serviceId);
  const daySlots = date ? (slotsByDate.get(date) ?? []) : [];
  const showViewerTime = zoneLabel(hostZone) !== zoneLabel(viewerTimeZone);

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <div>
          <Text size="sm" fw={500}>
            Date and time
          </Text>
          <Text size="xs" c="dimmed">
            {ready ? `Free times of the host, in ${hostZone.replaceAll('_', ' ')} (${zoneLabel(hostZone)}).` : 'Choose a service and host to see free times.'}
          </Text>
        </div>
        {allowMeetNow && (
        <Button
          variant={meetNow ? 'filled' : 'light'}
          color="orange"
          size="xs"
          leftSection={<IconBolt size={14} aria-hidden="true" />}
          disabled={!ready}
          onClick={props.onMeetNow}
          aria-pressed={meetNow}
        >
          Meet Now
        </Button>
        )}
      </Group>

      {meetNow && (
        <Alert color="orange" variant="light" title="Meet Now">
          The session starts as soon as you invite: now, {formatTime(now, viewerTimeZone)}.
        </Alert>
      )}

      <Group align="flex-start" gap="lg" wrap="wrap" pos="relative">
        <DatePicker
          value={date}
          onChange={(value) => value && props.onDate(value)}
          date={month}
          onDateChange={(value) => setMonth(value.slice(0, 7) + '-01')}
          minDate={dateIn(now, hostZone)}
          excludeDate={(day) => !ready || !slotsByDate.has(day)}
          ariaLabels={{ nextMonth: 'Next month', previousMonth: 'Previous month' }}
          aria-label="Session date"
        />
        <Stack gap="xs" style={{ flex: 1, minWidth: 220 }}>
          {availability.isFetching && (
            <Group gap="xs">
              <Loader size="xs" />
              <Text size="xs" c="dimmed">
                Finding free times…
              </Text>
            </Group>
          )}
          {ready && !availability.isFetching && slotsByDate.size === 0 && (
            <Text size="sm" c="dimmed">
              No free times this month. Try the next month, or check the host’s Work Hours.
            </Text>
          )}
          {date && (
            <>
              <Text size="sm" fw={500}>
                {formatCalendarDate(date)}
              </Text>
              {daySlots.length === 0 ? (
                <Text size="sm" c="dimmed">
                  No free times on this day.
                </Text>
              ) : (
                <SimpleGrid cols={3} spacing={6} role="radiogroup" aria-label="Free times">
                  {daySlots.map((slot) => {
                    const selected = slot === start && !meetNow;
                    return (
                    <UnstyledButton
                      key={slot}
                      role="radio"
                      aria-checked={selected}
                      className={classes.slot}
                      data-selected={selected || undefined}
                      onClick={() => props.onStart(slot)}
                      aria-label={`${formatTime(slot, hostZone)}${showViewerTime ? `, ${formatTime(slot, viewerTimeZone)} your time` : ''}`}
                    >
                      <Text size="sm" fw={500} span>
                        {formatClock(slot, hostZone)}
                      </Text>
                      {showViewerTime && (
                        <Text size="xs" c={selected ? 'white' : 'dimmed'} span display="block">
                          {formatTime(slot, viewerTimeZone)}
                        </Text>
                      )}
                    </UnstyledButton>
                    );
                  })}
                </SimpleGrid>
              )}
            </>
          )}
        </Stack>
      </Group>
      {props.error && (
        <Text c="red" size="sm" role="alert">
          {props.error}
        </Text>
      )}
    </Stack>
  );
}
