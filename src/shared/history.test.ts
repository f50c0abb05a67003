import { describe, expect, it } from 'vitest';
import { describeHistory, type HistoryEvent, historyEntrySchema } from './history';

const staff = { kind: 'user' as const, id: 'u1', name: 'Dr. Ada Okafor' };
const say = (event: HistoryEvent, actor: { kind: 'user' | 'participant' | 'system'; id: string | null; name: string } = staff) => describeHistory({ ...event, actor }, 'America/New_York');

describe('describeHistory', () => {
  it('says what changed, by kind', () => {
    expect(say({ type: 'updated', data: { hostId: ['a', 'b'], serviceId: ['s', 's'], sessionTypeId: ['t', 'u'] } })).toBe('Changed the host, the session type');
    expect(say({ type: 'documents_updated', data: { added: ['Consent'], removed: ['Intake', 'Checklist'] } })).toBe('Assigned Consent; Unassigned Intake, Checklist');
    expect(say({ type: 'reminder_requested', data: { messages: 3, participants: 1 } })).toBe('Reminder requested for 1 participant');
    expect(say({ type: 'reminder_sent', data: { messageId: 'm', channel: 'sms', recipient: '+15550100', participantId: 'p', participantName: 'Kenji' } }, { kind: 'system', id: null, name: 'x' })).toBe(
      'Reminder texted to Kenji',
    );
    expect(say({ type: 'link_opened', data: {} }, { kind: 'participant', id: 'p', name: 'Kenji Sato' })).toBe('Kenji Sato opened their session page');
  });

  it('shows times in the reader’s zone: 15:00Z is 10:00 AM in New York in March (EST)', () => {
    const sentence = say({ type: 'rescheduled', data: { from: { start: '2026-03-03T15:00:00Z', end: '2026-03-03T15:30:00Z' }, to: { start: '2026-03-04T15:00:00Z', end: '2026-03-04T15:30:00Z' } } });
    expect(sentence).toBe('Rescheduled from Tue, Mar 3, 2026 · 10:00 AM – 10:30 AM EST to Wed, Mar 4, 2026 · 10:00 AM – 10:30 AM EST');
  });

  it('reads rows written before a field existed with a plain fallback', () => {
    expect(say({ type: 'participant_added', data: { participantId: 'p' } })).toBe('Added a participant');
    expect(say({ type: 'document_completed', data: { documentId: 'd', templateId: 't', version: 1 } })).toBe('Dr. Ada Okafor completed a document');
    expect(say({ type: 'reminder_requested', data: { messages: 2 } })).toBe('Reminder requested');
  });

  it('has a schema that refuses an unknown kind or a wrong shape', () => {
    const base = { id: 1, at: '2026-03-01T00:00:00Z', actor: staff };
    expect(historyEntrySchema.safeParse({ ...base, type: 'canceled', data: { reason: 'Ill' } }).success).toBe(true);
    expect(historyEntrySchema.safeParse({ ...base, type: 'canceled', data: {} }).success).toBe(false);
    expect(historyEntrySchema.safeParse({ ...base, type: 'teleported', data: {} }).success).toBe(false);
  });
});
