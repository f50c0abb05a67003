import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSingleFlightMutation } from '../../../api/single-flight';
import type { SessionImage } from '../../../../shared/images';
import type { LifecycleAction } from '../../../../shared/lifecycle';
import type { SessionDetails } from '../../../../shared/sessions';
import type { Attendance } from '../../../../shared/video';
import { api } from '../../../api/client';
import { invalidateSession } from '../../../components/ManageSessionMenu/invalidate';

/** Staff's requests about a session's call and its lifecycle. */

export const attendanceKey = (sessionId: string) => ['session-attendance', sessionId] as const;

export const useAttendance = (sessionId: string, { enabled, live }: { enabled: boolean; live: boolean }) =>
  useQuery({
    queryKey: attendanceKey(sessionId),
    queryFn: () => api<Attendance>(`/sessions/${sessionId}/attendance`),
    enabled,
    // While the session runs, the open intervals and minutes move on.
    refetchInterval: live ? 60_000 : false,
  });

/** Admit one participant, or everyone waiting (no id); deny or remove one. */
export function useDoorActions(sessionId: string) {
  const base = `/sessions/${sessionId}/video`;
  return {
    admit: useMutation({ mutationFn: (participantId?: string) => api<void>(`${base}/admit`, { method: 'POST', body: participantId ? { participantId } : {} }) }),
    deny: useMutation({ mutationFn: (participantId: string) => api<void>(`${base}/deny`, { method: 'POST', body: { participantId } }) }),
    remove: useMutation({ mutationFn: (participantId: string) => api<void>(`${base}/remove`, { method: 'POST', body: { participantId } }) }),
  };
}

const LIFECYCLE_PATHS: Record<LifecycleAction, string> = { start: 'start', end: 'end', no_show: 'no-show' };

/** Start, end or mark as no-show: the answer is the session as it now is. */
export function useLifecycle(sessionId: string) {
  const queryClient = useQueryClient();
  return useSingleFlightMutation({
    mutationFn: (action: LifecycleAction) => api<SessionDetails>(`/sessions/${sessionId}/${LIFECYCLE_PATHS[action]}`, { method: 'POST' }),
    onSuccess: (session) => {
      queryClient.setQueryData(['session', sessionId], session);
      invalidateSession(queryClient, sessionId);
    },
  });
}

export interface Still {
  readonly image: Blob;
  readonly label: string;
  readonly participantId: string;
}

export function useSaveScreenshot(sessionId: string) {
  return useSingleFlightMutation({
    mutationFn: ({ image, label, participantId }: Still) => {
      const form = new FormData();
      form.set('participantId', participantId);
      if (label) form.set('label', label);
      // Last: multipart readers may stop at the file.
      form.set('file', new File([image], 'screenshot.png', { type: 'image/png' }));
      return api<SessionImage>(`/sessions/${sessionId}/screenshots`, { method: 'POST', body: form });
    },
  });
}
