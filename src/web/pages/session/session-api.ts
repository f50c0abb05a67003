import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSingleFlightMutation } from '../../api/single-flight';
import type { Answers, DocumentToComplete } from '../../../shared/documents';
import type { InvitationType, Participant } from '../../../shared/participants';
import type { HistoryEntry } from '../../../shared/history';
import type { SessionNote } from '../../../shared/session-management';
import { api } from '../../api/client';
import { invalidateSession } from '../../components/ManageSessionMenu/invalidate';

/** Queries of the session page's cards and tabs; the session itself is `useSessionDetails` (['session', id]). */

export const notesKey = (sessionId: string) => ['session-notes', sessionId] as const;
export const historyKey = (sessionId: string) => ['session-history', sessionId] as const;

export const useSessionNotes = (sessionId: string) =>
  useQuery({ queryKey: notesKey(sessionId), queryFn: () => api<SessionNote[]>(`/sessions/${sessionId}/notes`) });

export const useSessionHistory = (sessionId: string) =>
  useQuery({ queryKey: historyKey(sessionId), queryFn: () => api<HistoryEntry[]>(`/sessions/${sessionId}/history`) });

export interface NewNote {
  body: string;
  /** The note this one corrects; notes are never edited in place. */
  amends?: string;
}

export function useAddNote(sessionId: string) {
  const queryClient = useQueryClient();
  return useSingleFlightMutation({
    mutationFn: (note: NewNote) => api<SessionNote>(`/sessions/${sessionId}/notes`, { method: 'POST', body: note }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: notesKey(sessionId) });
      void queryClient.invalidateQueries({ queryKey: historyKey(sessionId) });
    },
  });
}

/** Someone from the directory, or a new person who is added to the directory too. */
export type ParticipantToAdd =
  | { participantId: string }
  | { name: string; timeZone: string; invitationType: InvitationType; email?: string; phone?: string; dateOfBirth?: string };

export function useAddParticipant(sessionId: string) {
  const queryClient = useQueryClient();
  return useSingleFlightMutation({
    mutationFn: (participant: ParticipantToAdd) => api<Participant>(`/sessions/${sessionId}/participants`, { method: 'POST', body: participant }),
    onSuccess: (_added, participant) => {
      invalidateSession(queryClient, sessionId);
      if (!('participantId' in participant)) void queryClient.invalidateQueries({ queryKey: ['participants'] });
    },
  });
}

export function useRemoveParticipant(sessionId: string) {
  const queryClient = useQueryClient();
  return useSingleFlightMutation({
    mutationFn: (participantId: string) => api<void>(`/sessions/${sessionId}/participants/${participantId}`, { method: 'DELETE' }),
    onSuccess: () => invalidateSession(queryClient, sessionId),
  });
}

export const sessionDocumentKey = (sessionId: string, documentId: string) => ['session-document', sessionId, documentId] as const;

/** One document of the session with its questions, and its answers once completed. */
export const useSessionDocument = (sessionId: string, documentId: string) =>
  useQuery({ queryKey: sessionDocumentKey(sessionId, documentId), queryFn: () => api<DocumentToComplete>(`/sessions/${sessionId}/documents/${documentId}`) });

/** The host completes a host document assigned to them. */
export function useCompleteHostDocument(sessionId: string, documentId: string) {
  const queryClient = useQueryClient();
  return useSingleFlightMutation({
    mutationFn: (answers: Answers) => api<DocumentToComplete>(`/sessions/${sessionId}/documents/${documentId}`, { method: 'POST', body: { answers } }),
    onSuccess: (completed) => {
      queryClient.setQueryData(sessionDocumentKey(sessionId, documentId), completed);
      // The session's page, its history and the lists' paperwork counts.
      invalidateSession(queryClient, sessionId);
    },
  });
}

/** The signed PDF of a completed document. */
export const signedPdfUrl = (sessionId: string, documentId: string) => `/api/sessions/${sessionId}/documents/${documentId}/pdf`;
