import { describe, expect, it } from 'vitest';
import { emptyDraft, missingForStepOne, requestBody } from './draft';

describe('the New Session draft', () => {
  it('names what step 1 still needs', () => {
    expect(missingForStepOne(emptyDraft(null))).toEqual(['a service', 'a session type', 'a session host', 'a date and time']);
    expect(missingForStepOne({ ...emptyDraft('h'), serviceId: 's', sessionTypeId: 't', meetNow: true })).toEqual([]);
  });

  it('builds the request: existing participants by id, new ones inline without blank contacts', () => {
    const body = requestBody(
      {
        ...emptyDraft('host-1'),
        serviceId: 'svc',
        sessionTypeId: 'type',
        start: '2026-03-03T15:00:00.000Z',
        documentTemplateIds: ['doc'],
        participants: [
          { kind: 'existing', key: 'a', invitationType: 'email', participant: { id: 'p1', name: 'Pat', email: 'p@x.test', phone: null, timeZone: 'UTC', invitationType: 'email', dateOfBirth: null } },
          { kind: 'new', key: 'b', name: 'Rosa', timeZone: 'Europe/Madrid', invitationType: 'sms', email: '', phone: '+34612345678' },
        ],
      },
      { allowOutsideWorkHours: false },
    );
    expect(body).toEqual({
      serviceId: 'svc',
      sessionTypeId: 'type',
      hostId: 'host-1',
      start: '2026-03-03T15:00:00.000Z',
      documentTemplateIds: ['doc'],
      participants: [
        { participantId: 'p1', invitationType: 'email' },
        { name: 'Rosa', timeZone: 'Europe/Madrid', invitationType: 'sms', phone: '+34612345678' },
      ],
    });
  });

  it('sends Meet Now without a start, and the outside-hours confirmation only when given', () => {
    const draft = { ...emptyDraft('h'), serviceId: 's', sessionTypeId: 't', meetNow: true };
    expect(requestBody(draft, { allowOutsideWorkHours: false })).toMatchObject({ meetNow: true });
    expect(requestBody(draft, { allowOutsideWorkHours: false })).not.toHaveProperty('allowOutsideWorkHours');
    expect(requestBody(draft, { allowOutsideWorkHours: true })).toMatchObject({ meetNow: true, allowOutsideWorkHours: true });
  });
});
