import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role } from '../../shared/roles';
import type { Me } from '../../shared/users';
import { api } from '../api/client';
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

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: { email: string; password: string }) =>
      api<Me>('/auth/login', { method: 'POST', body: credentials }),
    onSuccess: async (me) => {
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
