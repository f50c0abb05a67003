import { expect } from 'vitest';
import { createService, setWorkHours } from './catalog-factories';
import type { SignedIn, TestApp } from './harness';

export interface BookedSession {
  id: string;
  /** Ana is invited by email; Ben has a link only. Each with their page's cookie. */
  ana: { id: string; cookie: string };
  ben: { id: string; cookie: string };
}

/**
 * An organization with a host who works around the clock in UTC, another provider, and a
 * stranger from another organization; `book()` makes a session with two participants on the next
 * free hour from 2026-03-03 (the test clock stands at 2026-03-02T15:00Z).
 */
export async function sessionWorld(t: TestApp) {
  const host: SignedIn = await t.staff(['provider']);
  const otherProvider = await t.staff(['provider'], host.organizationId);
  const dispatcher = await t.staff(['dispatcher'], host.organizationId);
  const stranger = await t.staff(['admin']);
  await setWorkHours(t.db, host.organizationId, host.id, { timeZone: 'UTC', weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' })), overrides: [] });
  const service = await createService(t.db, host.organizationId);
  let hour = 0;

  /** `cookie`: the host's, when the test signed them in again (moving the clock idles sign-ins out). */
  async function book(cookie = host.cookie): Promise<BookedSession> {
    const created = await t.request({
      method: 'POST',
      url: '/api/sessions',
      cookie,
      body: {
        serviceId: service.id,
        sessionTypeId: service.sessionTypeIds[0],
        start: new Date(Date.UTC(2026, 2, 3) + hour++ * 3600_000).toISOString(),
        participants: [
          { name: 'Ana Alvarez', email: `ana-${hour}-${Math.random().toString(36).slice(2)}@example.test`, timeZone: 'Europe/Madrid', invitationType: 'email' },
          { name: 'Ben Brown', timeZone: 'UTC', invitationType: 'none' },
        ],
      },
    });
    expect(created.status).toBe(201);
    const [ana, ben] = created.body.participants as { id: string }[];
    return {
      id: created.body.id as string,
      ana: { id: ana!.id, cookie: await t.participantCookie(created.body.id, ana!.id, cookie) },
      ben: { id: ben!.id, cookie: await t.participantCookie(created.body.id, ben!.id, cookie) },
    };
  }

  return { host, otherProvider, dispatcher, stranger, service, book };
}
