import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { DocumentTemplate } from '../../shared/documents';
import type { Service, SessionType } from '../../shared/catalog';
import type { OrganizationSettings } from '../../shared/organization';
import type { SessionDetails, SessionPage, SessionStatus } from '../../shared/sessions';
import type { StaffUser } from '../../shared/users';
import { api } from './client';

/** Queries that several screens share: sessions, the catalogue, hosts, organization settings. */

export interface SessionFilter {
  from: string;
  to: string;
  hostId: string | null;
  statuses: SessionStatus[];
}

export function useSessionPages(filter: SessionFilter) {
  return useInfiniteQuery({
    queryKey: ['sessions', filter],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ from: filter.from, to: filter.to, limit: '200' });
      if (filter.hostId) params.set('hostId', filter.hostId);
      if (filter.statuses.length > 0) params.set('status', filter.statuses.join(','));
      if (pageParam) params.set('cursor', pageParam);
      return api<SessionPage>(`/sessions?${params}`);
    },
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: (previous) => previous,
  });
}

const DELIVERY_POLL_MS = 3_000;

export function useSessionDetails(id: string | null) {
  return useQuery({
    queryKey: ['session', id],
    queryFn: () => api<SessionDetails>(`/sessions/${id}`),
    enabled: Boolean(id),
    // The worker sends invitations without a live event: while one waits, look again until it has gone (queued → sent).
    refetchInterval: (query) => (query.state.data?.participants.some((p) => p.delivery === 'queued') ? DELIVERY_POLL_MS : false),
  });
}

export function useSessionTypes(options: { includeInactive: boolean }) {
  return useQuery({
    queryKey: ['session-types', options],
    queryFn: () => api<SessionType[]>(`/session-types?includeInactive=${options.includeInactive}`),
    staleTime: 60_000,
  });
}

export const useActiveServices = () =>
  useQuery({ queryKey: ['services', { active: true }], queryFn: () => api<Service[]>('/services'), staleTime: 60_000 });

export const useDocumentTemplates = () =>
  useQuery({ queryKey: ['document-templates'], queryFn: () => api<DocumentTemplate[]>('/document-templates'), staleTime: 60_000 });

export const useOrganization = () =>
  useQuery({ queryKey: ['organization'], queryFn: () => api<OrganizationSettings>('/organization'), staleTime: 60_000 });

export const useHosts = (enabled: boolean) =>
  useQuery({
    queryKey: ['users', { role: 'provider' }],
    queryFn: () => api<StaffUser[]>('/users?role=provider'),
    enabled,
    staleTime: 60_000,
  });
