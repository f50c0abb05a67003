import { Anchor, Text, Timeline } from '@mantine/core';
import {
  IconBell,
  IconCalendarPlus,
  IconCalendarRepeat,
  IconCalendarTime,
  IconCalendarX,
  IconCamera,
  IconCloudUpload,
  IconCloudX,
  IconDeviceHeartMonitor,
  IconHeartbeat,
  IconFileText,
  IconLink,
  IconMail,
  IconMailForward,
  IconMailX,
  IconMessage,
  IconMessages,
  IconNote,
  IconPaperclip,
  IconPlayerPlay,
  IconPlayerStop,
  IconUserX,
  IconVideo,
  IconVideoOff,
  IconDoorEnter,
  IconDoorExit,
  IconPencil,
  IconPhoto,
  IconSignature,
  IconUserEdit,
  IconUserMinus,
  IconUserPlus,
  type Icon,
} from '@tabler/icons-react';
import { Link } from 'react-router';
import { describeHistory, type HistoryEntry, type HistoryKind, isFailure } from '../../../shared/history';
import { QueryState } from '../../components/QueryState/QueryState';
import { formatMoment } from '../../lib/format-moment';
import { actorName, linkedSession } from './history-text';
import { useSessionHistory } from './session-api';

export interface HistoryTabProps {
  readonly sessionId: string;
  readonly viewerTimeZone: string;
}

/** An icon for every kind of entry: a new kind does not compile without one. */
const ICONS: Record<HistoryKind, Icon> = {
  created: IconCalendarPlus,
  participant_added: IconUserPlus,
  participant_removed: IconUserMinus,
  documents_updated: IconFileText,
  document_completed: IconSignature,
  updated: IconPencil,
  rescheduled: IconCalendarTime,
  canceled: IconCalendarX,
  next_scheduled: IconCalendarRepeat,
  note_added: IconNote,
  invitation_sent: IconMail,
  invitation_failed: IconMail,
  update_sent: IconMailForward,
  update_failed: IconMailForward,
  cancellation_sent: IconMailX,
  cancellation_failed: IconMailX,
  reminder_sent: IconBell,
  reminder_failed: IconBell,
  reminder_requested: IconBell,
  new_message_sent: IconMessage,
  new_message_failed: IconMessage,
  participant_contact_changed: IconUserEdit,
  contact_changed_sent: IconMailForward,
  contact_changed_failed: IconMailForward,
  started: IconPlayerPlay,
  ended: IconPlayerStop,
  no_show: IconUserX,
  video_joined: IconVideo,
  video_left: IconVideoOff,
  video_admitted: IconDoorEnter,
  video_denied: IconDoorExit,
  video_removed: IconUserMinus,
  chat_started: IconMessages,
  attachment_shared: IconPaperclip,
  link_opened: IconLink,
  screenshot_captured: IconCamera,
  image_uploaded: IconPhoto,
  reading_recorded: IconHeartbeat,
  reading_corrected: IconPencil,
  cart_attached: IconDeviceHeartMonitor,
  cart_detached: IconDeviceHeartMonitor,
  ehr_sent: IconCloudUpload,
  ehr_failed: IconCloudX,
};

/** Everything that happened to the session, oldest first. */
export function HistoryTab({ sessionId, viewerTimeZone }: HistoryTabProps) {
  const history = useSessionHistory(sessionId);
  const entries = history.data ?? [];
  return (
    <QueryState query={history} empty={entries.length === 0} emptyMessage="Nothing has happened yet.">
      {/* Every item is past, so every item is "active"; failures turn red. */}
      <Timeline active={entries.length - 1} bulletSize={26} lineWidth={2} role="list" aria-label="Session history">
        {entries.map((entry) => {
          const ItemIcon = ICONS[entry.type];
          return (
            <Timeline.Item
              key={entry.id}
              role="listitem"
              bullet={<ItemIcon size={14} aria-hidden="true" />}
              color={isFailure(entry) ? 'red' : undefined}
              title={describeHistory(entry, viewerTimeZone)}
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
