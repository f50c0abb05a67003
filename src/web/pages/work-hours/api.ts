import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSingleFlightMutation } from '../../api/single-flight';
import type { WorkHours } from '../../../shared/work-hours';
import { api } from '../../api/client';

export function useWorkHours(userId: string) {
  return useQuery({ queryKey: ['work-hours', userId], queryFn: () => api<WorkHours>(`/users/${userId}/work-hours`) });
}

export function useSaveWorkHours(userId: string) {
  const queryClient = useQueryClient();
  return useSingleFlightMutation({
    mutationFn: (hours: WorkHours) => api<WorkHours>(`/users/${userId}/work-hours`, { method: 'PUT', body: hours }),
    onSuccess: (saved) => queryClient.setQueryData(['work-hours', userId], saved),
  });
}
