import { type Kysely, sql } from 'kysely';

/** The one channel every instance LISTENs on for live events. */
export const LIVE_CHANNEL = 'carebeam_live';

/**
 * What happened, by ids only (a NOTIFY payload must stay under 8,000 bytes, and rows are read
 * fresh by whoever needs them). Sent inside the transaction of the change: PostgreSQL delivers it
 * at commit, and never for a change that rolled back.
 */
export type LiveEvent =
  /** A chat message was written. */
  | { kind: 'chat'; sessionId: string; messageId: string }
  /** Someone read a thread up to a message: their unread counts changed. */
  | { kind: 'read'; sessionId: string; reader: { kind: 'staff' | 'participant'; id: string } }
  /** Who is connected to a session changed. */
  | { kind: 'presence'; sessionId: string }
  /** The session changed (status, time, host, participants): pages reload it and access is checked again. */
  | { kind: 'session'; sessionId: string }
  /** Who is in a session's call, or waits at its door, changed. */
  | { kind: 'call'; sessionId: string }
  /** An offer, answer or ICE candidate waits for a member of a session's call (the row holds it). */
  | { kind: 'signal'; sessionId: string; signalId: number }
  /**
   * A session's MedCart data changed (a reading, an image) or its send to the EHR moved on: open
   * MedCart tabs reload. `imageId` names a screenshot of a participant's video: they are told.
   */
  | { kind: 'medcart'; sessionId: string; change: 'reading' | 'image' | 'ehr'; imageId?: string }
  /** A staff member's sign-ins or roles changed (sign-out, deactivation, password reset): access is checked again. */
  | { kind: 'user'; userId: string };

export async function notify(db: Kysely<any>, event: LiveEvent): Promise<void> {
  await sql`SELECT pg_notify(${LIVE_CHANNEL}, ${JSON.stringify(event)})`.execute(db);
}

export function parseLiveEvent(payload: string): LiveEvent | null {
  try {
    const event = JSON.parse(payload) as LiveEvent;
    return typeof event === 'object' && event !== null && typeof event.kind === 'string' ? event : null;
  } catch {
    return null;
  }
}
