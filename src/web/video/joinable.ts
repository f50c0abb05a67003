import { refusal } from '../../shared/lifecycle';
import type { Session } from '../../shared/sessions';
import { useOrganization } from '../api/queries';

/** The database's default, used while `/api/organization` is still loading. */
export const DEFAULT_JOIN_WINDOW_MINUTES = 15;

/** How many minutes before its start a session may start (and its call be joined). */
export function useJoinWindowMinutes(): number {
  const organization = useOrganization().data;
  return organization?.joinWindowMinutes ?? DEFAULT_JOIN_WINDOW_MINUTES;
}

/**
 * Whether staff are offered "Join": a video session under way, or one that may start now (the
 * host joining starts it). The server decides in the end; its refusal is shown if it differs.
 */
export function staffCanJoin(session: Pick<Session, 'status' | 'start' | 'end' | 'sessionType'>, now: number, joinWindowMinutes: number): boolean {
  if (session.sessionType.modality !== 'video') return false;
  return session.status === 'in_progress' || refusal('start', session, now, joinWindowMinutes) === null;
}
