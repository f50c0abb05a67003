import { Alert, Anchor, Button, Group, Loader, SimpleGrid, Stack, Text, UnstyledButton } from '@mantine/core';
import { DatePicker } from '@mantine/dates';
import { IconBolt } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { AVAILABILITY_WINDOW_DAYS } from '../../../shared/availability';
import { dateIn, formatCalendarDate, formatClock, formatTime, zoneLabel } from '../../../shared/format';
import { hasRole, useMe } from '../../auth/sign-in';
import { useNow } from '../../lib/useNow';
import classes from './SlotPicker.module.css';
import { useFirstFreeSlot, useFreeSlots } from './useFreeSlots';

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

const monthOf = (date: string) => `${date.slice(0, 7)}-01`;

/**
 * A month calendar where days without free times are disabled, and the day's free times in the
 * host's zone (with the viewer's own time beside each when the zones differ). All times come
 * from the availability API; nothing is computed from the browser's clock or zone. It opens on
 * the month of the chosen date, else of the host's first free time.
 */
export function SlotPicker(props: SlotPickerProps) {
  const { hostId, serviceId, viewerTimeZone, date, start, meetNow, allowMeetNow = true } = props;
  const now = useNow();
  const first = useFirstFreeSlot(hostId, serviceId);
  const firstSlot = first.data?.slots[0];
  const firstDate = first.data && firstSlot ? dateIn(firstSlot.start, first.data.timeZone) : null;
  // Browsing belongs to one host and service: choosing another finds its first month again.
  const choice = `${hostId}/${serviceId}`;
  const [browsed, setBrowsed] = useState<{ choice: string; month: string } | null>(null);
  const month = browsed?.choice === choice ? browsed.month : date ? monthOf(date) : firstDate ? monthOf(firstDate) : null;
  const availability = useFreeSlots(hostId, serviceId, month);
  const hostZone = availability.data?.timeZone ?? first.data?.timeZone ?? viewerTimeZone;

  const slotsByDate = useMemo(() => {
    const byDate = new Map<string, string[]>();
    for (const slot of availability.data?.slots ?? []) {
      const day = dateIn(slot.start, hostZone);
      byDate.set(day, [...(byDate.get(day) ?? []), slot.start]);
    }
    return byDate;
  }, [availability.data, hostZone]);

  const ready = Boolean(hostId && serviceId);
  const nothingAhead = ready && first.data?.slots.length === 0 && month === null;
  const loadError = first.error ?? availability.error;
  // The chosen day's times come from its own month: browsing to the next month must not empty them.
  const dayAvailability = useFreeSlots(hostId, serviceId, date);
  const dayZone = dayAvailability.data?.timeZone ?? hostZone;
  const daySlots = date && !dayAvailability.isPlaceholderData ? (dayAvailability.data?.slots ?? []).filter((slot) => dateIn(slot.start, dayZone) === date).map((slot) => slot.start) : [];
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
          // Until the server says where free times begin, an empty calendar of this month.
          date={month ?? monthOf(dateIn(now, viewerTimeZone))}
          onDateChange={(value) => setBrowsed({ choice, month: monthOf(value) })}
          // Nothing is free before the first free time; a chosen date stays reachable.
          minDate={firstDate && date && date < firstDate ? date : (firstDate ?? undefined)}
          excludeDate={(day) => !ready || !slotsByDate.has(day)}
          // Free times are loaded a month at a time: the neighbouring months' days would all look taken.
          hideOutsideDates
          ariaLabels={{ nextMonth: 'Next month', previousMonth: 'Previous month' }}
          aria-label="Session date"
        />
        <Stack gap="xs" style={{ flex: 1, minWidth: 220 }}>
          {(first.isFetching || availability.isFetching) && (
            <Group gap="xs">
              <Loader size="xs" />
              <Text size="xs" c="dimmed">
                Finding free times…
              </Text>
            </Group>
          )}
          {nothingAhead && hostId && <NothingFreeAhead hostId={hostId} />}
          {loadError && (
            <Text size="sm" c="red">
              Free times could not be loaded: {loadError.message}
            </Text>
          )}
          {ready && availability.isSuccess && !availability.isFetching && slotsByDate.size === 0 && (
            <Text size="sm" c="dimmed">
              No free times this month. Try the next month, or check the host’s Work Hours.
            </Text>
          )}
          {date && (
            <>
              <Text size="sm" fw={500}>
                {formatCalendarDate(date)}
              </Text>
              {daySlots.length === 0 && dayAvailability.isFetching ? null : daySlots.length === 0 ? (
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

/**
 * Nothing free from now over the whole window the server searches: say so, and point to the
 * Work Hours that would open times. A new tab keeps the panel and what was chosen; the times
 * are asked for again when the person comes back to this tab.
 */
function NothingFreeAhead({ hostId }: { readonly hostId: string }) {
  const me = useMe().data;
  const own = me?.id === hostId;
  const href = own ? '/work-hours' : me && hasRole(me, 'admin', 'dispatcher') ? `/work-hours?provider=${hostId}` : null;
  return (
    <Alert color="yellow" variant="light" title={`No free times in the next ${AVAILABILITY_WINDOW_DAYS} days`}>
      <Stack gap={6}>
        <Text size="sm">{own ? 'Your' : 'The host’s'} Work Hours leave no time for this service: they are empty or fully booked.</Text>
        {href && (
          <Anchor href={href} target="_blank" rel="noopener" size="sm">
            {own ? 'Open your Work Hours' : 'Open the host’s Work Hours'} (new tab)
          </Anchor>
        )}
      </Stack>
    </Alert>
  );
}
