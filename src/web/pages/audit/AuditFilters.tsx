import { Badge, CloseButton, Group, Select } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { zoneLabel } from '../../../shared/format';
import type { StaffUser } from '../../../shared/users';
import { api } from '../../api/client';
import { actionChoices, ACTION_WORDS, readableAction } from './actions';
import type { FilterKey } from './audit-query';
import { PatientFilter } from './PatientFilter';

export interface AuditFiltersProps {
  readonly params: URLSearchParams;
  readonly timeZone: string;
  readonly set: (changes: Partial<Record<FilterKey, string | null>>) => void;
  /** The title of the session filtered by, when known. */
  readonly sessionTitle: string | null;
}

const DAY_FORMAT = 'MMM D, YYYY';

/** Staff member, patient, session, action and days: each kept in the URL. */
export function AuditFilters({ params, timeZone, set, sessionTitle }: AuditFiltersProps) {
  const staff = useQuery({ queryKey: ['users', 'all'], queryFn: () => api<StaffUser[]>('/users') });
  const action = params.get('action');
  const choices = actionChoices();
  // An action from a link or an older bookmark that the list does not offer still shows its name.
  if (action && !ACTION_WORDS[action]) choices.push({ group: 'Other', items: [{ value: action, label: readableAction(action) }] });
  const range: [string | null, string | null] = [params.get('from'), params.get('to')];
  const sessionId = params.get('sessionId');

  return (
    <Group mb="md" gap="sm" align="flex-end">
      <Select
        label="Staff member"
        placeholder="Anyone"
        searchable
        clearable
        data={(staff.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
        value={params.get('userId')}
        onChange={(userId) => set({ userId })}
        w={200}
      />
      <PatientFilter value={params.get('participantId')} onChange={(participantId) => set({ participantId })} />
      <Select label="Action" placeholder="Every action" searchable clearable data={choices} value={action} onChange={(value) => set({ action: value })} w={240} />
      <DatePickerInput
        type="range"
        label={`Days, ${zoneLabel(timeZone)}`}
        aria-label={`Days in ${timeZone}: ${range.filter(Boolean).map((day) => dayjs(day).format(DAY_FORMAT)).join(' – ') || 'any'}`}
        placeholder="Any day"
        clearable
        allowSingleDateInRange
        value={range}
        onChange={(value) => {
          const [from, to] = value as [string | null, string | null];
          // Half a range is still being picked: wait for its end before filtering.
          if (from && !to) return;
          set({ from, to });
        }}
        valueFormat={DAY_FORMAT}
        w={250}
      />
      {sessionId && (
        <Badge size="lg" variant="light" rightSection={<CloseButton size="xs" aria-label="Show every session" onClick={() => set({ sessionId: null })} />}>
          {sessionTitle ?? 'One session'}
        </Badge>
      )}
    </Group>
  );
}
