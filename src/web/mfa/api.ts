import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MfaEnrolment, MfaStatus, RecoveryCodes } from '../../shared/mfa';
import type { Me } from '../../shared/users';
import { api } from '../api/client';
import { ME_KEY } from '../auth/sign-in';
import { keepStaffDraftsFor } from '../lib/staff-drafts';

export const MFA_KEY = ['auth', 'mfa'] as const;

export const useMfaStatus = () => useQuery({ queryKey: MFA_KEY, queryFn: () => api<MfaStatus>('/auth/mfa') });

export const useStartEnrolment = () => useMutation({ mutationFn: () => api<MfaEnrolment>('/auth/mfa/enrolment', { method: 'POST' }) });

/** Finishing enrolment answers the recovery codes; the status is refreshed once they were saved (onDone). */
export const useConfirmEnrolment = () =>
  useMutation({ mutationFn: (code: string) => api<RecoveryCodes>('/auth/mfa/enrolment/confirm', { method: 'POST', body: { code } }) });

export function useNewRecoveryCodes() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api<RecoveryCodes>('/auth/mfa/recovery-codes', { method: 'POST', body: { code } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: MFA_KEY }),
  });
}

/** The second step of signing in; the answer is the signed-in staff member. */
export function useMfaChallenge() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { code: string } | { recoveryCode: string }) => api<Me>('/auth/mfa/challenge', { method: 'POST', body }),
    onSuccess: (me) => {
      keepStaffDraftsFor(me.id);
      queryClient.setQueryData(ME_KEY, me);
    },
  });
}
