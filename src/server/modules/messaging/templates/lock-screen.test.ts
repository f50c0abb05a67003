import { describe, expect, it } from 'vitest';
import { MESSAGE_KINDS } from '../../../../shared/history';
import type { MessageContext } from '../context';
import { renderEmail, renderSms } from './render';

// What a lock screen or a shared phone shows: the subject of an email, the whole of an SMS.
const context: MessageContext = {
  organizationId: '00000000-0000-4000-8000-000000000001',
  organizationName: 'Harbor Clinic',
  organizationDeactivated: false,
  organizationLogo: null,
  session: {
    id: '00000000-0000-4000-8000-000000000002',
    start: '2026-03-04T15:00:00.000Z',
    end: '2026-03-04T15:30:00.000Z',
    version: 1,
    status: 'scheduled',
    serviceName: 'Addiction counselling',
    sessionTypeName: 'Video visit',
    modality: 'video',
    hostName: 'Dr. Ines Psychiatry',
  },
  participants: [],
};
const recipient = { name: 'Ana Alvarez', timeZone: 'Europe/Madrid', email: 'ana@example.test', pendingDocuments: ['HIV test consent'] };
const PRIVATE = ['Addiction', 'counselling', 'Ines', 'Psychiatry', 'HIV', 'relapse'];

describe('what shows on a lock screen', () => {
  it.each(MESSAGE_KINDS)('%s: the subject and the SMS name the clinic and the time, never the service, provider, documents or reason', (kind) => {
    const email = renderEmail(kind, context, recipient, { organizerEmail: 'care@harbor.test', stamp: new Date('2026-03-01T00:00:00Z'), reason: 'relapse follow-up moved' });
    const sms = renderSms(kind, context, recipient, 'relapse follow-up moved');
    for (const shown of [email.subject, sms]) {
      expect(shown).toContain('Harbor Clinic');
      for (const word of PRIVATE) expect(shown).not.toContain(word);
    }
    // Messages about the session's time say it; a new chat message or a contact change is not about that.
    if (kind !== 'new_message' && kind !== 'contact_changed') {
      expect(email.subject).toContain('4:00 PM – 4:30 PM Madrid (GMT+1)');
      expect(sms).toContain('4:00 PM – 4:30 PM Madrid (GMT+1)');
      // The body, read once opened, keeps the details.
      expect(email.text).toContain('Addiction counselling');
      expect(email.text).toContain('Dr. Ines Psychiatry');
    }
  });
});
