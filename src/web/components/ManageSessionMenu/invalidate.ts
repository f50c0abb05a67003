import type { QueryClient } from '@tanstack/react-query';

/** After a change to a session: every view of it, the lists, and free times may have moved. */
export function invalidateSession(queryClient: QueryClient, sessionId: string): void {
  for (const key of [['session', sessionId], ['session-history', sessionId], ['session-attendance', sessionId], ['sessions'], ['availability'], ['outbox']]) {
    void queryClient.invalidateQueries({ queryKey: key });
  }
}
