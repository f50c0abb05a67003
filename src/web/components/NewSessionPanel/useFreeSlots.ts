import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { addDays } from '../../../shared/format';

export interface Availability {
  hostId: string;
  timeZone: string;
  slots: { start: string; end: string }[];
}

/** The host's free times for the service in a displayed month (dates in the host's zone). */
export function useFreeSlots(hostId: string | null, serviceId: string | null, month: string) {
  const monthEnd = addDays(`${month.slice(0, 7)}-01`, 40).slice(0, 7);
  const to = addDays(`${monthEnd}-01`, -1);
  return useQuery({
    queryKey: ['availability', hostId, serviceId, month.slice(0, 7)],
    queryFn: () => api<Availability>(`/availability?hostId=${hostId}&serviceId=${serviceId}&from=${month.slice(0, 7)}-01&to=${to}`),
    enabled: Boolean(hostId && serviceId),
    staleTime: 15_000,
    placeholderData: (previous, query) => (query?.queryKey[1] === hostId && query?.queryKey[2] === serviceId ? previous : undefined),
  });
}
