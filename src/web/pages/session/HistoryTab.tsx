import { Anchor, Text, Timeline } from '@mantine/core';
import {
  IconBell,
  IconCalendarPlus,
  IconCalendarRepeat,
  IconCalendarTime,
  IconCalendarX,
  IconFileText,
  IconLink,
  IconMail,
  IconMailForward,
  IconMailX,
  IconNote,
  IconPencil,
  IconPoint,
  IconUserMinus,
  IconUserPlus,
  type Icon,
} from '@tabler/icons-react';
import { Link } from 'react-router';
import type { HistoryEntry } from '../../../shared/session-management';
import { QueryState } from '../../components/QueryState/QueryState';
import { formatMoment } from './format-moment';
import { actorName, describeEntry, isFailure, linkedSession } from './history-text';
import { useSessionHistory } from './session-api';

export interface HistoryTabProps {
  readonly sessionId: string;
  readonly viewerTimeZone: string;
}

const ICONS: Record<string, Icon> = {
  created: IconCalendarPlus,
  participant_added: IconUserPlus,
  participant_removed: IconUserMinus,
  documents_updated: IconFileText,
  updated: IconPencil,
  rescheduled: IconCalendarTime,
  canceled: IconCalendarX,
  next_scheduled: IconCalendarRepeat,
  note_added: IconNote,
  invitation: IconMail,
  update: IconMailForward,
  cancellation: IconMailX,
  reminder: IconBell,
  reminder_requested: IconBell,
  link_opened: IconLink,
};

/** `invitation_sent` and `invitation_failed` share the icon of `invitation`. */
const iconOf = (type: string): Icon => ICONS[type] ?? ICONS[type.replace(/_(sent|failed)$/, '')] ?? IconPoint;

/** Everything that happened to the session, oldest first. */
export function HistoryTab({ sessionId, viewerTimeZone }: HistoryTabProps) {
  const history = useSessionHistory(sessionId);
  const entries = history.data ?? [];
  return (
    <QueryState query={history} empty={entries.length === 0} emptyMessage="Nothing has happened yet.">
      {/* Every item is past, so every item is "active"; failures turn red. */}
      <Timeline active={entries.length - 1} bulletSize={26} lineWidth={2} role="list" aria-label="Session history">
        {entries.map((entry) => {
          const ItemIcon = iconOf(entry.type);
          return (
            <Timeline.Item
              key={entry.id}
              role="listitem"
              bullet={<ItemIcon size={14} aria-hidden="true" />}
              color={isFailure(entry) ? 'red' : undefined}
              title={describeEntry(entry, viewerTimeZone)}
            >
              <EntryDetails entry={entry} viewerTimeZone={viewerTimeZone} />
            </Timeline.Item>
          );
        })}
      </Timeline>
    </QueryState>
  );
}

/** When, who, and for a series, the way to the other session. */
function EntryDetails({ entry, viewerTimeZone }: { readonly entry: HistoryEntry; readonly viewerTimeZone: string }) {
  const linked = linkedSession(entry);
  return (
    <>
      <Text size="xs" c="dimmed">
        <time dateTime={entry.at}>{formatMoment(entry.at, viewerTimeZone)}</time> · {actorName(entry)}
      </Text>
      {linked && (
        <Anchor component={Link} to={`/sessions/${linked.id}`} size="xs">
          {linked.label}
        </Anchor>
      )}
    </>
  );
}
