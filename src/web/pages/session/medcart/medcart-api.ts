import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSingleFlightMutation } from '../../../api/single-flight';
import type { EhrExport, PatientIdentifier, SessionEhr } from '../../../../shared/ehr';
import type { SessionImage } from '../../../../shared/images';
import type { Cart, Correction, NewReading, Reading, ReadingList, SessionCart, SessionImageList } from '../../../../shared/medcart';
import { api } from '../../../api/client';
import { historyKey } from '../session-api';

/** The MedCart tab's queries: readings, images, the attached cart, and the session's sends to the EHR. */

/** Every MedCart query starts with this: a change of the EHR connection reloads them all. */
export const MEDCART_KEY = ['medcart'] as const;
export const medcartKeys = {
  readings: (sessionId: string) => [...MEDCART_KEY, sessionId, 'readings'] as const,
  earlier: (sessionId: string) => [...MEDCART_KEY, sessionId, 'earlier'] as const,
  images: (sessionId: string) => [...MEDCART_KEY, sessionId, 'images'] as const,
  cart: (sessionId: string) => [...MEDCART_KEY, sessionId, 'cart'] as const,
  ehr: (sessionId: string) => [...MEDCART_KEY, sessionId, 'ehr'] as const,
};
export const CARTS_KEY = ['medcart-carts'] as const;

export const useReadings = (sessionId: string) =>
  useQuery({ queryKey: medcartKeys.readings(sessionId), queryFn: async () => (await api<ReadingList>(`/sessions/${sessionId}/readings`)).items });
export const useEarlierReadings = (sessionId: string) =>
  useQuery({ queryKey: medcartKeys.earlier(sessionId), queryFn: async () => (await api<ReadingList>(`/sessions/${sessionId}/readings/earlier`)).items, staleTime: 60_000 });
export const useSessionImages = (sessionId: string) =>
  useQuery({ queryKey: medcartKeys.images(sessionId), queryFn: async () => (await api<SessionImageList>(`/sessions/${sessionId}/images`)).items });
export const useSessionCart = (sessionId: string) => useQuery({ queryKey: medcartKeys.cart(sessionId), queryFn: () => api<SessionCart>(`/sessions/${sessionId}/cart`) });
export const useSessionEhr = (sessionId: string) => useQuery({ queryKey: medcartKeys.ehr(sessionId), queryFn: () => api<SessionEhr>(`/sessions/${sessionId}/ehr`) });
export const useCarts = () => useQuery({ queryKey: CARTS_KEY, queryFn: async () => (await api<{ items: Cart[] }>('/medcart/carts')).items, staleTime: 60_000 });

/** What a change of MedCart data makes stale: the lists, the send-back states, the history. */
export function refreshMedCart(queryClient: QueryClient, sessionId: string, change: 'reading' | 'image' | 'ehr' | 'cart') {
  const keys = {
    reading: [medcartKeys.readings(sessionId), medcartKeys.ehr(sessionId)],
    image: [medcartKeys.images(sessionId), medcartKeys.ehr(sessionId)],
    ehr: [medcartKeys.ehr(sessionId)],
    cart: [medcartKeys.cart(sessionId)],
  }[change];
  for (const queryKey of [...keys, historyKey(sessionId)]) void queryClient.invalidateQueries({ queryKey });
}

function useSessionMutation<Input, Output>(sessionId: string, change: Parameters<typeof refreshMedCart>[2], request: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useSingleFlightMutation({ mutationFn: request, onSuccess: () => refreshMedCart(queryClient, sessionId, change) });
}

export const useAddReading = (sessionId: string) =>
  useSessionMutation(sessionId, 'reading', (reading: NewReading) => api<Reading>(`/sessions/${sessionId}/readings`, { method: 'POST', body: reading }));

export const useCorrectReading = (sessionId: string) =>
  useSessionMutation(sessionId, 'reading', ({ readingId, ...correction }: Correction & { readingId: string }) =>
    api<Reading>(`/sessions/${sessionId}/readings/${readingId}/correct`, { method: 'POST', body: correction }),
  );

export const useUploadImage = (sessionId: string) =>
  useSessionMutation(sessionId, 'image', ({ file, label }: { file: File; label: string }) => {
    const form = new FormData();
    if (label.trim()) form.set('label', label.trim());
    form.set('file', file);
    return api<SessionImage>(`/sessions/${sessionId}/images`, { method: 'POST', body: form });
  });

export const useAttachCart = (sessionId: string) =>
  useSessionMutation(sessionId, 'cart', (attachment: { cartId: string; participantId?: string }) => api<SessionCart>(`/sessions/${sessionId}/cart`, { method: 'PUT', body: attachment }));
export const useDetachCart = (sessionId: string) => useSessionMutation(sessionId, 'cart', () => api<void>(`/sessions/${sessionId}/cart`, { method: 'DELETE' }));

export const useSendToEhr = (sessionId: string) => useSessionMutation(sessionId, 'ehr', () => api<EhrExport>(`/sessions/${sessionId}/ehr/send`, { method: 'POST' }));
export const useRetrySend = (sessionId: string) =>
  useSessionMutation(sessionId, 'ehr', (exportId: string) => api<EhrExport>(`/sessions/${sessionId}/ehr/exports/${exportId}/retry`, { method: 'POST' }));

export const useSetPatientIdentifier = (sessionId: string) =>
  useSessionMutation(sessionId, 'ehr', ({ participantId, identifier }: { participantId: string; identifier: PatientIdentifier | null }) =>
    api<void>(`/sessions/${sessionId}/participants/${participantId}/ehr-identifier`, identifier ? { method: 'PUT', body: identifier } : { method: 'DELETE' }),
  );

/** An image as the browser shows it (inline) or downloads it. */
export const imageUrl = (sessionId: string, imageId: string, inline: boolean) => `/api/sessions/${sessionId}/images/${imageId}${inline ? '?inline=1' : ''}`;
export const fhirBundleUrl = (sessionId: string) => `/api/sessions/${sessionId}/fhir`;
