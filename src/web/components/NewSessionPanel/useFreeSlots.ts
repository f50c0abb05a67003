import { useQuery } from '@tanstack/react-query';
import type { Availability } from '../../../shared/availability';
import { addDays } from '../../../shared/format';
import { api } from '../../api/client';

/** The host's free times for the service in a displayed month (dates in the host's zone); none before a month is known. */
export function useFreeSlots(hostId: string | null, serviceId: string | null, month: string | null) {
  const firstDay = month ? `${month.slice(0, 7)}-01` : '';
  return useQuery({
    queryKey: ['availability', hostId, serviceId, firstDay.slice(0, 7)],
    queryFn: () => {
      const lastDay = addDays(`${addDays(firstDay, 40).slice(0, 7)}-01`, -1);
      return api<Availability>(`/availability?hostId=${hostId}&serviceId=${serviceId}&from=${firstDay}&to=${lastDay}`);
    },
    enabled: Boolean(hostId && serviceId && month),
    staleTime: 15_000,
    placeholderData: (previous, query) => (query?.queryKey[1] === hostId && query?.queryKey[2] === serviceId ? previous : undefined),
  });
}

/**
 * The host's first free time for the service from now by the server's clock, over the next
 * 62 days: the calendar opens on its month. No slot means nothing is free in that window.
 */
export function useFirstFreeSlot(hostId: string | null, serviceId: string | null) {
  return useQuery({
    queryKey: ['availability', hostId, serviceId, 'first'],
    queryFn: () => api<Availability>(`/availability?hostId=${hostId}&serviceId=${serviceId}&limit=1`),
    enabled: Boolean(hostId && serviceId),
    staleTime: 15_000,
  });
}
