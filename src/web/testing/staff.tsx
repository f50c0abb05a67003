import type { ReactNode } from 'react';
import type { SessionDetails } from '../../shared/sessions';
import type { Me } from '../../shared/users';
import { useMe } from '../auth/sign-in';
import { MARTA, SESSION_ID, STAFF } from './chat-server';

/** The host, reading times in New York; her organization is in Madrid. */
export const HOST_ME: Me = {
  id: STAFF.id,
  name: STAFF.name,
  email: 'lucia@clinic.test',
  roles: ['provider'],
  timeZone: 'America/New_York',
  organization: { id: 'o1', name: 'Clínica Sol', timeZone: 'Europe/Madrid' },
  signInIdleMinutes: 30,
};

/** A video session with Marta, 15:00–15:30Z on March 3, 2026 (10:00–10:30 AM EST). */
export const sessionDetails = (overrides: Partial<SessionDetails> = {}): SessionDetails => ({
  id: SESSION_ID,
  status: 'scheduled',
  startedAt: null,
  endedAt: null,
  start: '2026-03-03T15:00:00Z',
  end: '2026-03-03T15:30:00Z',
  hostId: STAFF.id,
  serviceId: 'svc',
  sessionTypeId: 'st',
  version: 1,
  service: { id: 'svc', name: 'Physiotherapy follow-up', durationMinutes: 30 },
  sessionType: { id: 'st', name: 'Video consultation', modality: 'video' },
  host: { id: STAFF.id, name: STAFF.name, timeZone: 'Europe/Madrid' },
  documentProgress: { total: 0, completed: 0 },
  participants: [{ id: MARTA.id, name: MARTA.name, timeZone: 'Europe/Madrid', invitationType: 'email', email: null, phone: null, delivery: 'opened' }],
  cancelReason: null,
  previousSessionId: null,
  documents: [],
  createdAt: '2026-02-20T09:00:00Z',
  createdBy: { id: STAFF.id, name: STAFF.name },
  ...overrides,
});

/** Renders its children once `/api/me` answered, as the signed-in shell does. */
export function SignedIn({ children }: { readonly children: ReactNode }) {
  return useMe().data ? children : null;
}
