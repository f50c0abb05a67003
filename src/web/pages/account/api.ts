import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SignInSummary } from '../../../shared/account';
import { api } from '../../api/client';
import { ME_KEY } from '../../auth/sign-in';

const SIGN_INS_KEY = ['account', 'sign-ins'] as const;

export const useSignIns = () => useQuery({ queryKey: SIGN_INS_KEY, queryFn: () => api<SignInSummary[]>('/account/sign-ins') });

export function useEndOtherSignIns() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ ended: number }>('/account/sign-ins/end-others', { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SIGN_INS_KEY }),
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => api<void>('/account/password', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SIGN_INS_KEY }),
  });
}

export function useChangeTimeZone() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (timeZone: string) => api<void>('/account', { method: 'PATCH', body: { timeZone } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ME_KEY }),
  });
}
