import type { InvitationType, Participant } from '../../../shared/participants';

/** A participant on the invitation list: someone from the directory, or a new person. */
export type ParticipantEntry =
  | { kind: 'existing'; key: string; participant: Participant; invitationType: InvitationType }
  | { kind: 'new'; key: string; name: string; timeZone: string; invitationType: InvitationType; email: string; phone: string; dateOfBirth?: string };

/** Everything the New Session panel holds; kept whole across steps so Back loses nothing. */
export interface SessionDraft {
  serviceId: string | null;
  sessionTypeId: string | null;
  hostId: string | null;
  /** The chosen day, in the host's zone. */
  date: string | null;
  start: string | null;
  meetNow: boolean;
  documentTemplateIds: string[];
  /** Once someone picks documents by hand, a service change no longer replaces them. */
  documentsChosen: boolean;
  participants: ParticipantEntry[];
}

export const emptyDraft = (hostId: string | null): SessionDraft => ({
  serviceId: null,
  sessionTypeId: null,
  hostId,
  date: null,
  start: null,
  meetNow: false,
  documentTemplateIds: [],
  documentsChosen: false,
  participants: [],
});

/** The POST /api/sessions body for a draft. */
export function requestBody(draft: SessionDraft, options: { allowOutsideWorkHours: boolean }) {
  return {
    serviceId: draft.serviceId,
    sessionTypeId: draft.sessionTypeId,
    hostId: draft.hostId ?? undefined,
    ...(draft.meetNow ? { meetNow: true, ...(options.allowOutsideWorkHours ? { allowOutsideWorkHours: true } : {}) } : { start: draft.start }),
    documentTemplateIds: draft.documentTemplateIds,
    participants: draft.participants.map((entry) =>
      entry.kind === 'existing'
        ? { participantId: entry.participant.id, invitationType: entry.invitationType }
        : {
            name: entry.name,
            timeZone: entry.timeZone,
            invitationType: entry.invitationType,
            ...(entry.email ? { email: entry.email } : {}),
            ...(entry.phone ? { phone: entry.phone } : {}),
            ...(entry.dateOfBirth ? { dateOfBirth: entry.dateOfBirth } : {}),
          },
    ),
  };
}

/** What step 1 still needs before the participants step, as a person would say it. */
export function missingForStepOne(draft: SessionDraft): string[] {
  return [
    ...(draft.serviceId ? [] : ['a service']),
    ...(draft.sessionTypeId ? [] : ['a session type']),
    ...(draft.hostId ? [] : ['a session host']),
    ...(draft.start || draft.meetNow ? [] : ['a date and time']),
  ];
}
