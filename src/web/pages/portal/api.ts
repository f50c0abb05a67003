import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../api/client';
import { requestExchange, requestPortalView, takeEarlyExchange, takeEarlyView } from './early-requests';

/** Queries of the participant portal: no staff sign-in, only the participant cookie. */

export const PORTAL_KEY = ['portal'] as const;
export const PORTAL_VIEW_KEY = [...PORTAL_KEY, 'session'] as const;

/** The link is dead or the cookie is gone: only a fresh invitation link helps, so no retry. */
export const isLinkGone = (error: unknown) =>
  error instanceof ApiError && (error.status === 401 || error.status === 404 || error.status === 400);

export const usePortalView = () =>
  useQuery({
    queryKey: PORTAL_VIEW_KEY,
    queryFn: () => takeEarlyView() ?? requestPortalView(),
    // Retry once for network and server errors; a 4xx will answer the same again.
    retry: (failures, error) => failures < 1 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
  });

/** Trades the invitation token for the participant cookie. */
export function useExchangeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => takeEarlyExchange(token) ?? requestExchange(token),
    // Another link opened in this tab may be for another person or session: forget what was shown.
    onSuccess: () => queryClient.removeQueries({ queryKey: PORTAL_KEY }),
  });
}
