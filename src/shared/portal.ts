import type { Modality } from './catalog';
import type { SessionStatus } from './sessions';

/** What a participant's own page shows: their session, and nothing of other participants. */
export interface PortalView {
  session: {
    id: string;
    start: string;
    end: string;
    status: SessionStatus;
    service: { name: string; durationMinutes: number };
    sessionType: { name: string; modality: Modality };
    host: { name: string; timeZone: string };
    organization: { name: string };
  };
  participant: { id: string; name: string; timeZone: string };
}

export interface PortalExchange {
  sessionId: string;
}
