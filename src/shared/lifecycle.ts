import type { SessionStatus } from './sessions';

/**
 * How a session moves on, in one place for the server (which enforces it) and the screens (which
 * offer only what it allows):
 *
 *   scheduled ──start──▶ in_progress ──end (host, or automatically)──▶ completed
 *       │  └──no-show (after the scheduled start)──▶ no_show
 *       └──cancel──▶ canceled
 */
export type LifecycleAction = 'start' | 'end' | 'no_show';

export interface LifecycleFacts {
  status: SessionStatus;
  /** The scheduled start and end, ISO instants or epoch milliseconds. */
  start: string | number | Date;
  end: string | number | Date;
}

const ms = (instant: string | number | Date) => new Date(instant).getTime();
const MINUTE = 60_000;

/** Why the action is not possible now, or null when it is. */
export function refusal(action: LifecycleAction, session: LifecycleFacts, now: number, joinWindowMinutes: number): string | null {
  switch (action) {
    case 'start':
      if (session.status !== 'scheduled') return `This session is ${session.status.replace('_', ' ')}: it cannot start`;
      if (now < ms(session.start) - joinWindowMinutes * MINUTE) return `A session can start from ${joinWindowMinutes} minutes before its time`;
      return null;
    case 'end':
      return session.status === 'in_progress' ? null : 'Only a session in progress can end';
    case 'no_show':
      if (session.status !== 'scheduled') return `This session is ${session.status.replace('_', ' ')}: it cannot be marked a no-show`;
      if (now < ms(session.start)) return 'A no-show can be marked once the session was due to start';
      return null;
  }
}

/**
 * When participants may join the call: from `joinWindowMinutes` before the start until the session
 * is ended (or, if nobody ends it, until it would complete by itself).
 */
export function joinWindow(session: { start: string | Date; end: string | Date; endedAt: string | Date | null }, joinWindowMinutes: number, autoCompleteMinutes: number) {
  return {
    opensAt: new Date(ms(session.start) - joinWindowMinutes * MINUTE).toISOString(),
    closesAt: new Date(session.endedAt ? ms(session.endedAt) : ms(session.end) + autoCompleteMinutes * MINUTE).toISOString(),
  };
}

/** Whether the session's details may still change (time, host, service): only before it starts. */
export const isPlanned = (status: SessionStatus) => status === 'scheduled';
/** Whether it is over, one way or another. */
export const isOver = (status: SessionStatus) => status === 'completed' || status === 'no_show' || status === 'canceled';
