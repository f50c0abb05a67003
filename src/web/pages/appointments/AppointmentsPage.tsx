import { ActionIcon, Button, EmptyState, Group, Paper, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import dayjs from 'dayjs';
import { IconCalendarEvent, IconChevronLeft, IconChevronRight, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { SessionStatus } from '../../../shared/sessions';
import { startOfLocalDay } from '../../../shared/zone';
import { useHosts, useSessionPages } from '../../api/queries';
import { hasRole, useCurrentUser } from '../../auth/sign-in';
import { NewSessionPanel } from '../../components/NewSessionPanel/NewSessionPanel';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { QueryState } from '../../components/QueryState/QueryState';
import { addDays, dateIn, formatCalendarDate, weekdayOf, zoneLabel } from '../../../shared/format';
import { useNow } from '../../lib/useNow';
import { useStaffChannel } from '../../live/useStaffChannel';
import { SessionCreatedModal } from './SessionCreatedModal';
import { SessionList } from './SessionList';
import { WeekCalendar } from './WeekCalendar';

const RANGE_FORMAT = 'MMM D, YYYY';

/** Upcoming: still to happen or happening now; past: held (completed) or missed (no-show). */
const STATUS_FILTERS: Record<string, SessionStatus[]> = {
  upcoming: ['scheduled', 'in_progress'],
  past: ['completed', 'no_show'],
  canceled: ['canceled'],
  all: [],
};

/** My Appointments: the sessions of a period, as a day-grouped list or a week calendar. */
export function AppointmentsPage() {
  const me = useCurrentUser();
  const tz = me.timeZone;
  const managesHosts = hasRole(me, 'admin', 'dispatcher');
  const hosts = useHosts(managesHosts);
  const { unread, waiting } = useStaffChannel();
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'week' ? 'week' : 'list';
  const today = dateIn(useNow(), tz);
  const [range, setRange] = useState<[string | null, string | null]>([today, addDays(today, 30)]);
  const [weekStart, setWeekStart] = useState(addDays(today, 1 - weekdayOf(today)));
  const [hostId, setHostId] = useState<string | null>(null);
  const [status, setStatus] = useState('upcoming');
  // The URL says the New Session panel is open, so Back/Forward and a reload keep it (and its draft).
  const panelOpen = params.get('new') === 'session';
  const setParam = (name: string, value: string | null, replace: boolean) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === null) next.delete(name);
        else next.set(name, value);
        return next;
      },
      { replace },
    );
  const setPanelOpen = (open: boolean) => setParam('new', open ? 'session' : null, !open);
  const [createdId, setCreatedId] = useState<string | null>(null);

  const [fromDate, toDate] = view === 'week' ? [weekStart, addDays(weekStart, 6)] : [range[0] ?? today, range[1] ?? range[0] ?? today];
  const pages = useSessionPages({
    from: new Date(startOfLocalDay(fromDate, tz)).toISOString(),
    to: new Date(startOfLocalDay(addDays(toDate, 1), tz)).toISOString(),
    hostId: managesHosts ? hostId : null,
    statuses: STATUS_FILTERS[status] ?? [],
  });
  const sessions = pages.data?.pages.flatMap((page) => page.items) ?? [];
  const openPanel = () => setPanelOpen(true);

  return (
    <>
      <PageHeader
        title="My Appointments"
        description={`Times in your zone, ${tz.replaceAll('_', ' ')} (${zoneLabel(tz)}).`}
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={openPanel}>
            Schedule new session
          </Button>
        }
      />
      <Paper withBorder radius="md" p="sm" mb="md">
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Group gap="sm" wrap="wrap">
            <SegmentedControl
              aria-label="View"
              value={view}
              onChange={(value) => setParam('view', value === 'week' ? 'week' : null, true)}
              data={[
                { value: 'list', label: 'List' },
                { value: 'week', label: 'Week' },
              ]}
            />
            {view === 'list' ? (
              <DatePickerInput
                type="range"
                // The name holds the dates on screen, so speech input can name the field by them.
                aria-label={`Dates: ${range.filter(Boolean).map((day) => dayjs(day).format(RANGE_FORMAT)).join(' – ')}`}
                value={range}
                onChange={(value) => setRange(value as [string | null, string | null])}
                valueFormat={RANGE_FORMAT}
                w={260}
              />
            ) : (
              <Group gap={4}>
                <ActionIcon variant="default" aria-label="Previous week" onClick={() => setWeekStart(addDays(weekStart, -7))}>
                  <IconChevronLeft size={16} aria-hidden="true" />
                </ActionIcon>
                <Button variant="default" size="xs" onClick={() => setWeekStart(addDays(today, 1 - weekdayOf(today)))}>
                  This week
                </Button>
                <ActionIcon variant="default" aria-label="Next week" onClick={() => setWeekStart(addDays(weekStart, 7))}>
                  <IconChevronRight size={16} aria-hidden="true" />
                </ActionIcon>
                <Text size="sm" fw={500} ml="xs">
                  {formatCalendarDate(weekStart, { month: 'short', day: 'numeric' })} – {formatCalendarDate(addDays(weekStart, 6), { month: 'short', day: 'numeric', year: 'numeric' })}
                </Text>
              </Group>
            )}
          </Group>
          <Group gap="sm" wrap="wrap">
            {managesHosts && (
              <Select
                aria-label="Host"
                placeholder="All hosts"
                data={(hosts.data ?? []).map((h) => ({ value: h.id, label: h.name }))}
                value={hostId}
                onChange={setHostId}
                clearable
                searchable
                w={220}
              />
            )}
            <Select
              aria-label="Status"
              value={status}
              onChange={(value) => setStatus(value ?? 'upcoming')}
              allowDeselect={false}
              data={[
                { value: 'upcoming', label: 'Upcoming' },
                { value: 'past', label: 'Past' },
                { value: 'canceled', label: 'Canceled' },
                { value: 'all', label: 'All statuses' },
              ]}
              w={150}
            />
          </Group>
        </Group>
      </Paper>

      <QueryState query={pages}>
        {view === 'week' ? (
          <WeekCalendar sessions={sessions} timeZone={tz} weekStart={weekStart} showHost={managesHosts} />
        ) : sessions.length === 0 ? (
          <Paper withBorder radius="md" p="xl">
            <EmptyState
              icon={<IconCalendarEvent size={28} aria-hidden="true" />}
              variant="light"
              title="No sessions in this period"
              description="Schedule a session with the Schedule new session button, or widen the dates."
            >
              <EmptyState.Actions>
                <Button onClick={openPanel} leftSection={<IconPlus size={16} aria-hidden="true" />}>
                  Schedule new session
                </Button>
              </EmptyState.Actions>
            </EmptyState>
          </Paper>
        ) : (
          <Stack gap="md">
            <SessionList sessions={sessions} timeZone={tz} showHost={managesHosts} unread={unread} waiting={waiting} />
            {pages.hasNextPage && (
              <Button variant="default" onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage}>
                Show more sessions
              </Button>
            )}
          </Stack>
        )}
      </QueryState>

      {panelOpen && (
        <NewSessionPanel
          onClose={() => setPanelOpen(false)}
          onCreated={(session) => {
            setPanelOpen(false);
            setCreatedId(session.id);
          }}
        />
      )}
      {createdId && <SessionCreatedModal sessionId={createdId} viewerTimeZone={tz} onClose={() => setCreatedId(null)} />}
    </>
  );
}
