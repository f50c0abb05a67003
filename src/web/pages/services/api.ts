import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Modality, Service, SessionType } from '../../../shared/catalog';
import { api } from '../../api/client';

export function useServices(options: { query: string; includeInactive: boolean }) {
  return useQuery({
    queryKey: ['services', options],
    queryFn: () =>
      api<Service[]>(`/services?query=${encodeURIComponent(options.query)}&includeInactive=${options.includeInactive}`),
    placeholderData: (previous) => previous,
  });
}

export interface ServiceDraft {
  name: string;
  description: string;
  durationMinutes: number | string;
  sessionTypeIds: string[];
  documentTemplateIds: string[];
  active: boolean;
}

export function useSaveService(existing: Service | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (draft: ServiceDraft) =>
      api<Service>(existing ? `/services/${existing.id}` : '/services', {
        method: existing ? 'PATCH' : 'POST',
        body: { ...draft, durationMinutes: draft.durationMinutes === '' ? null : Number(draft.durationMinutes) },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['services'] }),
  });
}

export interface SessionTypeDraft {
  name: string;
  modality: Modality;
  active: boolean;
}

export function useSaveSessionType(existing: SessionType | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (draft: SessionTypeDraft) =>
      existing
        ? api<SessionType>(`/session-types/${existing.id}`, { method: 'PATCH', body: draft })
        : api<SessionType>('/session-types', { method: 'POST', body: { name: draft.name, modality: draft.modality } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['session-types'] }),
  });
}
