import { QueryClient } from '@tanstack/react-query';

/** The query defaults of both apps, the staff app and the participant's page. */
export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 15_000, retry: 1, refetchOnWindowFocus: true },
    },
  });
}
