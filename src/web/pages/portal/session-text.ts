import type { CalendarEvent } from '../../../shared/calendar-links';
import { MODALITY_LABELS, type Modality } from '../../../shared/modality';
import type { PortalView } from '../../../shared/portal';

/** What the participant does for each kind of session, in one sentence. */
export const MODALITY_INSTRUCTIONS: Record<Modality, string> = {
  video: 'You will join by video from this page.',
  phone: 'Your provider will call you.',
  in_person: 'Please come to the clinic.',
};

/** Scheduled or under way: the session still lies ahead of the participant. */
export const isUpcoming = (session: PortalView['session']) => session.status === 'scheduled' || session.status === 'in_progress';

/** The event the "Add to calendar" links create; plain text, times in UTC. */
export function calendarEventOf({ session }: PortalView): CalendarEvent {
  const { modality } = session.sessionType;
  return {
    title: `${session.service.name} with ${session.host.name}`,
    start: session.start,
    end: session.end,
    details: [
      `${session.sessionType.name} (${MODALITY_LABELS[modality]}). ${MODALITY_INSTRUCTIONS[modality]}`,
      `Organized by ${session.organization.name}.`,
      'To see your session page, open the link from your invitation.',
    ].join('\n'),
  };
}
