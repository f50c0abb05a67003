import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { StaffUser } from '../../../shared/users';
import { api } from '../../api/client';

const USERS_KEY = ['users'] as const;

export function useUsers(options: { includeDeactivated: boolean }) {
  return useQuery({
    queryKey: [...USERS_KEY, options],
    queryFn: () => api<StaffUser[]>(`/users?includeDeactivated=${options.includeDeactivated}`),
  });
}

export interface UserDraft {
  name: string;
  email: string;
  roles: string[];
  timeZone: string;
  deactivated: boolean;
}

export function useSaveUser(existing: StaffUser | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (draft: UserDraft) =>
      existing
        ? api<StaffUser>(`/users/${existing.id}`, {
            method: 'PATCH',
            body: {
              name: draft.name,
              roles: draft.roles,
              timeZone: draft.timeZone,
              deactivated: draft.deactivated,
            },
          })
        : api<StaffUser>('/users', {
            method: 'POST',
            body: { name: draft.name, email: draft.email, roles: draft.roles, timeZone: draft.timeZone },
          }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: USERS_KEY }),
  });
}

/** Resend or revoke the invitation of a user who has not chosen a password yet. */
export function useInvitationAction(user: StaffUser) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: 'resend' | 'revoke') => api<StaffUser>(`/users/${user.id}/invitation`, { method: action === 'resend' ? 'POST' : 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: USERS_KEY }),
  });
}

/** Removes a user's lost second factor (administrators); ends their sign-ins. */
export function useResetMfa(user: StaffUser) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>(`/users/${user.id}/mfa/reset`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: USERS_KEY }),
  });
}
