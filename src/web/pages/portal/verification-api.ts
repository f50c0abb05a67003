import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CodeSent, PortalVerification, VerifyParticipant } from '../../../shared/portal';
import { ApiError, api } from '../../api/client';
import { PORTAL_KEY } from './api';

/** The page is held back until this visit confirms who is joining. */
export const needsVerification = (error: unknown) => error instanceof ApiError && error.code === 'verification_required';

export const usePortalVerification = () =>
  useQuery({ queryKey: [...PORTAL_KEY, 'verification'], queryFn: () => api<PortalVerification>('/portal/verification'), retry: false });

export const useSendCode = () => useMutation({ mutationFn: () => api<CodeSent>('/portal/verification/code', { method: 'POST' }) });

/** Confirms a date of birth or a code; on success everything of the portal is read afresh. */
export function useVerify() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (answer: VerifyParticipant) => api<void>('/portal/verification', { method: 'POST', body: answer }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: PORTAL_KEY }),
  });
}
