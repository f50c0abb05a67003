import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Answers, DocumentToComplete } from '../../../shared/documents';
import { ApiError, api } from '../../api/client';
import { PORTAL_KEY } from './api';

/** The participant's own documents, through the participant cookie; under PORTAL_KEY, so a new link forgets them too. */
export const PORTAL_DOCUMENTS_KEY = [...PORTAL_KEY, 'documents'] as const;

export const usePortalDocuments = () =>
  useQuery({ queryKey: PORTAL_DOCUMENTS_KEY, queryFn: () => api<DocumentToComplete[]>('/portal/documents') });

/** Where the participant downloads their signed copy of a completed document. */
export const signedCopyUrl = (documentId: string) => `/api/portal/documents/${encodeURIComponent(documentId)}/pdf`;

/** The conflicts after which the list no longer matches the server: completed, or canceled. */
export const isConflict = (error: unknown, code: 'already_completed' | 'invalid_state') =>
  error instanceof ApiError && error.status === 409 && error.code === code;

export function useCompleteDocument(documentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (answers: Answers) =>
      api<DocumentToComplete>(`/portal/documents/${encodeURIComponent(documentId)}`, { method: 'POST', body: { answers } }),
    onSuccess: (completed) => {
      queryClient.setQueryData<DocumentToComplete[]>(PORTAL_DOCUMENTS_KEY, (list) => list?.map((d) => (d.id === completed.id ? completed : d)));
      void queryClient.invalidateQueries({ queryKey: PORTAL_DOCUMENTS_KEY });
    },
    onError: (error) => {
      if (isConflict(error, 'already_completed')) void queryClient.invalidateQueries({ queryKey: PORTAL_DOCUMENTS_KEY });
      // Canceled meanwhile: the session card says so too once refreshed (it shares the key's root).
      if (isConflict(error, 'invalid_state')) void queryClient.invalidateQueries({ queryKey: PORTAL_KEY });
    },
  });
}
