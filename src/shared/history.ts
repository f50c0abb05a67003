import { z } from 'zod';
import { formatSessionTime } from './format';
import { KINDS, READING_KINDS } from './vitals';

/**
 * Everything that can happen to a session, with the data each kind keeps. The server's writer
 * accepts only these shapes; `describeHistory` below must say a sentence for each (the type
 * checker refuses a new kind without one). Fields marked optional were added after rows of that
 * kind already existed: the sentence has a fallback for those older rows.
 */
const timeRange = z.object({ start: z.string(), end: z.string() });
const delivery = z.object({
  messageId: z.string(),
  channel: z.enum(['email', 'sms']),
  recipient: z.string(),
  participantId: z.string().nullable(),
  participantName: z.string().nullable().optional(),
  error: z.string().optional(),
});

export const MESSAGE_KINDS = ['invitation', 'update', 'cancellation', 'reminder', 'new_message', 'contact_changed'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const historyData = {
  created: z.object({
    start: z.string(),
    end: z.string(),
    hostId: z.string(),
    serviceName: z.string().optional(),
    meetNow: z.boolean().optional(),
    participants: z.array(z.object({ id: z.string(), name: z.string(), invitation: z.string() })),
    documents: z.array(z.string()),
  }),
  updated: z.object({
    hostId: z.tuple([z.string(), z.string()]),
    serviceId: z.tuple([z.string(), z.string()]),
    sessionTypeId: z.tuple([z.string(), z.string()]),
  }),
  rescheduled: z.object({ from: timeRange, to: timeRange }),
  canceled: z.object({ reason: z.string() }),
  documents_updated: z.object({ added: z.array(z.string()), removed: z.array(z.string()) }),
  participant_added: z.object({ participantId: z.string(), name: z.string().optional() }),
  participant_removed: z.object({ participantId: z.string(), name: z.string().optional() }),
  // Where a participant's invitations go changed: their old links were revoked and new ones sent.
  participant_contact_changed: z.object({ participantId: z.string(), name: z.string(), changed: z.array(z.enum(['email', 'phone'])) }),
  next_scheduled: z.union([
    z.object({ sessionId: z.string(), start: z.string() }),
    z.object({ previousSessionId: z.string(), previousStart: z.string() }),
  ]),
  note_added: z.object({ noteId: z.string(), amends: z.string().nullable() }),
  reminder_requested: z.object({ messages: z.number(), participants: z.number().optional() }),
  link_opened: z.object({}),
  document_completed: z.object({ documentId: z.string(), templateId: z.string(), version: z.number(), name: z.string().optional() }),
  invitation_sent: delivery,
  invitation_failed: delivery,
  update_sent: delivery,
  update_failed: delivery,
  cancellation_sent: delivery,
  cancellation_failed: delivery,
  reminder_sent: delivery,
  reminder_failed: delivery,
  new_message_sent: delivery,
  new_message_failed: delivery,
  contact_changed_sent: delivery,
  contact_changed_failed: delivery,
  started: z.object({}),
  ended: z.object({ automatic: z.boolean() }),
  no_show: z.object({}),
  video_joined: z.object({}),
  video_left: z.object({}),
  video_admitted: z.object({ participantId: z.string(), name: z.string() }),
  video_denied: z.object({ participantId: z.string(), name: z.string() }),
  video_removed: z.object({ participantId: z.string(), name: z.string() }),
  chat_started: z.object({ messageId: z.string() }),
  attachment_shared: z.object({ attachmentId: z.string(), name: z.string(), to: z.string().nullable() }),
  screenshot_captured: z.object({ imageId: z.string(), participantId: z.string().nullable(), participantName: z.string().nullable(), label: z.string().nullable() }),
  image_uploaded: z.object({ imageId: z.string(), label: z.string().nullable() }),
  reading_recorded: z.object({ readingId: z.string(), kind: z.enum(READING_KINDS), source: z.enum(['manual', 'cart']), cartName: z.string().nullable() }),
  reading_corrected: z.object({ readingId: z.string(), correctedReadingId: z.string(), kind: z.enum(READING_KINDS) }),
  cart_attached: z.object({ cartId: z.string(), name: z.string() }),
  cart_detached: z.object({ cartId: z.string(), name: z.string() }),
  ehr_sent: z.object({ exportId: z.string(), ehrName: z.string(), resources: z.number(), created: z.number() }),
  ehr_failed: z.object({ exportId: z.string(), ehrName: z.string(), error: z.string() }),
} satisfies Record<string, z.ZodType>;

export type HistoryKind = keyof typeof historyData;
export type HistoryData<K extends HistoryKind> = z.infer<(typeof historyData)[K]>;
export const HISTORY_KINDS = Object.keys(historyData) as HistoryKind[];

/** Who did it: a staff member, a participant, or Carebeam itself (deliveries, automatic changes). */
export const historyActorSchema = z.object({ kind: z.enum(['user', 'participant', 'system']), id: z.string().nullable(), name: z.string() });
export type HistoryActor = z.infer<typeof historyActorSchema>;

/** One kind with its data, as the writer takes it. */
export type HistoryEvent = { [K in HistoryKind]: { type: K; data: HistoryData<K> } }[HistoryKind];

/** A history entry as the API returns it, oldest first. */
export type HistoryEntry = HistoryEvent & { id: number; at: string; actor: HistoryActor };

const entrySchemas = HISTORY_KINDS.map((type) => z.object({ id: z.number(), at: z.string(), actor: historyActorSchema, type: z.literal(type), data: historyData[type] }));
export const historyEntrySchema = z.discriminatedUnion('type', entrySchemas as [(typeof entrySchemas)[number], ...typeof entrySchemas]);

const MESSAGE_LABEL: Record<MessageKind, string> = {
  invitation: 'Invitation',
  update: 'Update',
  cancellation: 'Cancellation notice',
  reminder: 'Reminder',
  new_message: 'New-message notice',
  contact_changed: 'Notice of a changed address',
};
const CHANNEL_VERB = { email: 'emailed', sms: 'texted' } as const;
const CHANNEL_NAME = { email: 'email', sms: 'SMS' } as const;
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
const names = (list: string[]) => list.join(', ');

function describeDelivery(kind: MessageKind, sent: boolean, data: z.infer<typeof delivery>): string {
  const who = data.participantName ?? data.recipient;
  if (sent) return `${MESSAGE_LABEL[kind]} ${CHANNEL_VERB[data.channel]} to ${who}`;
  return `${MESSAGE_LABEL[kind]} to ${who} by ${CHANNEL_NAME[data.channel]} failed${data.error ? `: ${data.error}` : ''}`;
}

const changedParts = (data: HistoryData<'updated'>) =>
  [data.hostId[0] !== data.hostId[1] && 'the host', data.serviceId[0] !== data.serviceId[1] && 'the service', data.sessionTypeId[0] !== data.sessionTypeId[1] && 'the session type'].filter(
    (part): part is string => Boolean(part),
  );

/** The sentence a person reads for an entry; times in the reader's zone. */
export function describeHistory(entry: HistoryEvent & { actor: HistoryActor }, timeZone: string): string {
  const actor = entry.actor.kind === 'system' ? 'Carebeam' : entry.actor.name;
  switch (entry.type) {
    case 'created': {
      const { serviceName, meetNow, participants } = entry.data;
      return `Scheduled ${serviceName ?? 'the session'}${meetNow ? ' (Meet Now)' : ''} with ${names(participants.map((p) => p.name))}`;
    }
    case 'updated':
      return `Changed ${names(changedParts(entry.data)) || 'the session'}`;
    case 'rescheduled': {
      const { from, to } = entry.data;
      return `Rescheduled from ${formatSessionTime(from.start, from.end, timeZone)} to ${formatSessionTime(to.start, to.end, timeZone)}`;
    }
    case 'canceled':
      return `Canceled: ${entry.data.reason}`;
    case 'documents_updated': {
      const { added, removed } = entry.data;
      return [added.length > 0 && `Assigned ${names(added)}`, removed.length > 0 && `Unassigned ${names(removed)}`].filter(Boolean).join('; ');
    }
    case 'participant_added':
      return `Added ${entry.data.name ?? 'a participant'}`;
    case 'participant_removed':
      return `Removed ${entry.data.name ?? 'a participant'}`;
    case 'participant_contact_changed':
      return `Changed the ${entry.data.changed.map((part) => (part === 'email' ? 'email address' : 'phone number')).join(' and ')} of ${entry.data.name}: earlier links revoked, new ones sent`;
    case 'next_scheduled':
      return 'sessionId' in entry.data ? 'Next session scheduled' : 'Scheduled as the next session of an earlier one';
    case 'note_added':
      return entry.data.amends ? 'Amended a note' : 'Added a note';
    case 'reminder_requested':
      return entry.data.participants === undefined ? 'Reminder requested' : `Reminder requested for ${plural(entry.data.participants, 'participant')}`;
    case 'link_opened':
      return `${actor} opened their session page`;
    case 'document_completed':
      return `${actor} completed ${entry.data.name ?? 'a document'}`;
    case 'started':
      return `${actor} started the session`;
    case 'ended':
      return entry.data.automatic ? 'The session ended automatically, some time after its end' : `${actor} ended the session`;
    case 'no_show':
      return `${actor} marked the session a no-show`;
    case 'video_joined':
      return `${actor} joined the call`;
    case 'video_left':
      return `${actor} left the call`;
    case 'video_admitted':
      return `${actor} let ${entry.data.name} into the call`;
    case 'video_denied':
      return `${actor} turned ${entry.data.name} away from the call`;
    case 'video_removed':
      return `${actor} removed ${entry.data.name} from the call`;
    case 'chat_started':
      return `${actor} started the chat`;
    case 'attachment_shared':
      return `${actor} shared ${entry.data.name}${entry.data.to ? ' in a private conversation' : ''}`;
    case 'screenshot_captured':
      return `${actor} captured a screenshot${entry.data.participantName ? ` of ${entry.data.participantName}’s video` : ''}`;
    case 'image_uploaded':
      return `${actor} added an image to MedCart`;
    case 'reading_recorded': {
      const what = KINDS[entry.data.kind].label.toLowerCase();
      if (entry.data.source === 'manual') return `${actor} recorded ${what}`;
      return `${entry.data.cartName ? `MedCart ${entry.data.cartName}` : 'A MedCart'} recorded ${what}`;
    }
    case 'reading_corrected':
      return `${actor} corrected a ${KINDS[entry.data.kind].label.toLowerCase()} reading`;
    case 'cart_attached':
      return `Attached MedCart ${entry.data.name}`;
    case 'cart_detached':
      return `Detached MedCart ${entry.data.name}`;
    case 'ehr_sent':
      return `Sent to ${entry.data.ehrName}: ${plural(entry.data.resources, 'resource')}, ${entry.data.created} new`;
    case 'ehr_failed':
      return `Sending to ${entry.data.ehrName} failed: ${entry.data.error}`;
    case 'invitation_sent':
    case 'update_sent':
    case 'cancellation_sent':
    case 'reminder_sent':
    case 'new_message_sent':
    case 'contact_changed_sent':
      return describeDelivery(entry.type.replace(/_sent$/, '') as MessageKind, true, entry.data);
    case 'invitation_failed':
    case 'update_failed':
    case 'cancellation_failed':
    case 'reminder_failed':
    case 'new_message_failed':
    case 'contact_changed_failed':
      return describeDelivery(entry.type.replace(/_failed$/, '') as MessageKind, false, entry.data);
  }
}

export const isFailure = (entry: HistoryEvent) => entry.type.endsWith('_failed');
