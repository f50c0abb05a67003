import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role } from '../../shared/roles';
import type { MfaStep } from '../../shared/mfa';
import type { Me } from '../../shared/users';
import { api, ApiError } from '../api/client';
import { forgetStaffDrafts, keepStaffDraftsFor } from '../lib/staff-drafts';

export const ME_KEY = ['me'] as const;

/** The signed-in staff member; `null` when nobody is signed in. */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    // Not signed in answers 200 null here, so the sign-in page logs no failed request.
    queryFn: async () => {
      const me = await api<Me | null>('/me?optional=true');
      keepStaffDraftsFor(me?.id ?? null);
      return me;
    },
    staleTime: Infinity,
    retry: false,
  });
}

/** The signed-in staff member, for pages that render only inside the signed-in shell. */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser used outside the signed-in shell');
  return data;
}

export const hasRole = (me: Me, ...roles: Role[]) => roles.some((role) => me.roles.includes(role));

/** What a right password leads to: signed in, or one MFA step still to take. */
export type SignInResult = Me | { mfaStep: MfaStep };

/** The MFA step a sign-in is held at, from the 401 every other request answers with then. */
export function mfaStepOf(error: unknown): MfaStep | null {
  if (!(error instanceof ApiError)) return null;
  return error.code === 'mfa_required' ? 'challenge' : error.code === 'mfa_enrolment_required' ? 'enrol' : null;
}

/** The signed-in staff member, unless the sign-in is now held at an MFA step (the last data may be older). */
export function fullySignedIn(me: { data?: Me | null | undefined; error: unknown }): Me | null {
  return me.data && !mfaStepOf(me.error) ? me.data : null;
}

export const mfaStepPath = (step: MfaStep, next: string) => `/signin/${step === 'challenge' ? 'verify' : 'enrol'}?next=${encodeURIComponent(next)}`;

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: { email: string; password: string }) =>
      api<SignInResult>('/auth/login', { method: 'POST', body: credentials }),
    onSuccess: async (me) => {
      if ('mfaStep' in me) return;
      keepStaffDraftsFor(me.id);
      queryClient.setQueryData(ME_KEY, me);
      await queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
    },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/auth/logout', { method: 'POST' }),
    onSettled: () => {
      // Patient data must not outlive the sign-in, in memory or in the tab's storage.
      queryClient.clear();
      forgetStaffDrafts();
      queryClient.setQueryData(ME_KEY, null);
    },
  });
}
