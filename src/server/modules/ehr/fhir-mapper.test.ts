import { readFileSync, writeFileSync } from 'node:fs';
import type { Observation } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import type { Reading } from '../../../shared/medcart';
import { checkReading, READING_KINDS, type ReadingKind } from '../../../shared/vitals';
import { type ExportInput, idFromLocation, SID, sessionBundle } from './fhir-mapper';
import { validateBundle } from './fhir-validate';

// Golden Bundles: one per kind, in golden/<kind>.json. UPDATE_GOLDEN=1 rewrites them (then read the diff).
const golden = (name: string) => new URL(`./golden/${name}.json`, import.meta.url);

const SESSION = '5e55a000-0000-4000-8000-000000000001';
const ANA = 'a7a00000-0000-4000-8000-000000000002';
const BEN = 'be700000-0000-4000-8000-000000000003';
const HOST = '4057a000-0000-4000-8000-000000000004';

/** One reading of each kind as a device would send it, some in other units. */
const SENT: Record<ReadingKind, { value?: number; components?: { systolic: number; diastolic: number }; unit: string }> = {
  blood_pressure: { components: { systolic: 142, diastolic: 91 }, unit: 'mm[Hg]' },
  heart_rate: { value: 72, unit: '/min' },
  respiratory_rate: { value: 16, unit: '/min' },
  oxygen_saturation: { value: 89, unit: '%' },
  body_temperature: { value: 100.4, unit: '[degF]' },
  body_weight: { value: 154, unit: '[lb_av]' },
  body_height: { value: 172, unit: 'cm' },
  bmi: { value: 23.4, unit: 'kg/m2' },
  blood_glucose: { value: 6.1, unit: 'mmol/L' },
};

function reading(kind: ReadingKind, n: number, overrides: Partial<Reading> = {}): Reading {
  const sent = SENT[kind];
  const { reading: checked } = checkReading(kind, sent);
  return {
    id: `00000000-0000-4000-8000-${String(100 + n).padStart(12, '0')}`,
    sessionId: SESSION,
    participantId: ANA,
    kind,
    loinc: '',
    value: checked!.value,
    components: checked!.components,
    unit: checked!.unit,
    originalValue: sent.value ?? null,
    originalComponents: sent.components ?? null,
    originalUnit: sent.unit,
    effectiveAt: '2026-03-03T14:05:00.000Z',
    recordedAt: '2026-03-03T14:05:02.000Z',
    source: n % 2 === 0 ? 'cart' : 'manual',
    deviceLabel: n % 2 === 0 ? 'Omron HEM-9200T' : null,
    cart: n % 2 === 0 ? { id: '0ca70000-0000-4000-8000-000000000005', name: 'Cart 2' } : null,
    enteredBy: n % 2 === 0 ? null : { id: HOST, name: 'Dr. Ada Okafor' },
    flag: checked!.flag,
    status: 'final',
    corrects: null,
    correctedBy: null,
    ...overrides,
  };
}

function input(overrides: Partial<ExportInput> = {}): ExportInput {
  return {
    session: { id: SESSION, status: 'completed', startsAt: '2026-03-03T14:00:00.000Z', endsAt: '2026-03-03T14:30:00.000Z', startedAt: '2026-03-03T14:02:11.000Z', endedAt: '2026-03-03T14:27:40.000Z', serviceName: 'Follow-up visit', hostName: 'Dr. Ada Okafor' },
    patients: [
      { participantId: ANA, name: 'Ana Alvarez', email: 'ana@example.test', phone: '+34600000000', ehrIdentifier: null },
      { participantId: BEN, name: 'Ben Brown', email: null, phone: null, ehrIdentifier: null },
    ],
    readings: [],
    sentReadingIds: new Set(),
    images: [],
    documents: [],
    ...overrides,
  };
}

describe('the FHIR mapper', () => {
  it.each(READING_KINDS.map((kind, n) => [kind, n] as const))('maps %s to its golden Bundle, valid FHIR R4', (kind, n) => {
    const { bundle, items } = sessionBundle(input({ readings: [reading(kind, n)] }));
    expect(validateBundle(bundle)).toEqual([]);
    expect(items.map((i) => i.kind)).toEqual(['patient', 'encounter', 'reading']);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden(kind), `${JSON.stringify(bundle, null, 2)}\n`);
    expect(bundle).toEqual(JSON.parse(readFileSync(golden(kind), 'utf8')));
  });

  it('writes every entry idempotently: a Carebeam identifier, and ifNoneExist or a conditional update on it', () => {
    const { bundle } = sessionBundle(input({ readings: READING_KINDS.map((kind, n) => reading(kind, n)) }));
    for (const entry of bundle.entry!) {
      const resource = entry.resource as { identifier?: { system: string; value: string }[] };
      const [own] = resource.identifier!;
      expect(own!.system.startsWith('https://carebeam.app/fhir/sid/')).toBe(true);
      const condition = `identifier=${own!.system}|${own!.value}`;
      expect(entry.request!.ifNoneExist === condition || entry.request!.url.endsWith(`?${condition}`)).toBe(true);
    }
    // Observations point at their patient and the encounter by the entries' full URLs.
    const observation = bundle.entry![2]!.resource as Observation;
    expect(observation.subject).toEqual({ reference: `urn:uuid:${ANA}`, display: 'Ana Alvarez' });
    expect(observation.encounter).toEqual({ reference: `urn:uuid:${SESSION}` });
  });

  it('sends a corrected reading as entered-in-error only if an earlier send delivered it', () => {
    const wrong = reading('heart_rate', 1, { status: 'entered-in-error', correctedBy: '00000000-0000-4000-8000-000000000999' });
    const right = reading('heart_rate', 3, { id: '00000000-0000-4000-8000-000000000999', value: 62, corrects: wrong.id });
    const neverSent = sessionBundle(input({ readings: [wrong, right] }));
    expect(neverSent.items.filter((i) => i.kind === 'reading').map((i) => i.id)).toEqual([right.id]);
    const sentBefore = sessionBundle(input({ readings: [wrong, right], sentReadingIds: new Set([wrong.id]) }));
    const entry = sentBefore.bundle.entry!.find((e) => e.fullUrl === `urn:uuid:${wrong.id}`)!;
    expect(entry.request).toEqual({ method: 'PUT', url: `Observation?identifier=${SID.reading}|${wrong.id}` });
    expect((entry.resource as Observation).status).toBe('entered-in-error');
    expect(validateBundle(sentBefore.bundle)).toEqual([]);
  });

  it('refers to a patient the EHR knows by its identifier, adds screenshots as Media and signed documents as DocumentReferences', () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    const built = sessionBundle(
      input({
        patients: [
          { participantId: ANA, name: 'Ana Alvarez', email: null, phone: null, ehrIdentifier: { system: 'urn:oid:2.16.840.1.113883.3.1', value: 'MRN 0042' } },
          { participantId: BEN, name: 'Ben Brown', email: null, phone: null, ehrIdentifier: null },
        ],
        readings: [reading('heart_rate', 1)],
        images: [{ id: '1a9e0000-0000-4000-8000-000000000006', kind: 'screenshot', label: 'Rash, left arm', contentType: 'image/png', size: png.length, participantId: ANA, takenBy: { id: HOST, name: 'Dr. Ada Okafor' }, createdAt: '2026-03-03T14:10:00.000Z', bytes: png }],
        documents: [{ id: 'd0c00000-0000-4000-8000-000000000007', name: 'Consent to telehealth', participantId: BEN, completedAt: '2026-03-03T13:50:00.000Z', signerName: 'Ben Brown', pdf: Buffer.from('%PDF-1.7 signed') }],
      }),
    );
    expect(validateBundle(built.bundle)).toEqual([]);
    const reference = 'Patient?identifier=urn%3Aoid%3A2.16.840.1.113883.3.1|MRN%200042';
    expect(built.patientLookups).toEqual([{ reference, system: 'urn:oid:2.16.840.1.113883.3.1', value: 'MRN 0042' }]);
    // Ana is not created (the EHR has her); Ben is, as the subject of his signed document.
    expect(built.items.map((i) => `${i.kind}:${i.resourceType}`)).toEqual(['patient:Patient', 'encounter:Encounter', 'reading:Observation', 'image:Media', 'document:DocumentReference']);
    expect(built.items[0]!.id).toBe(BEN);
    const [, encounter, , media, document] = built.bundle.entry!.map((e) => e.resource as never as Record<string, any>);
    expect(encounter).toMatchObject({ status: 'finished', class: { code: 'VR' }, subject: { reference }, period: { start: '2026-03-03T14:02:11.000Z', end: '2026-03-03T14:27:40.000Z' } });
    expect(media).toMatchObject({ resourceType: 'Media', subject: { reference }, content: { contentType: 'image/png', data: png.toString('base64'), title: 'Rash, left arm' } });
    expect(document).toMatchObject({ resourceType: 'DocumentReference', subject: { reference: `urn:uuid:${BEN}` }, content: [{ attachment: { contentType: 'application/pdf', data: Buffer.from('%PDF-1.7 signed').toString('base64') } }] });
  });

  it('uses the scheduled times for the encounter until the session has run', () => {
    const { bundle } = sessionBundle(input({ session: { ...input().session, status: 'scheduled', startedAt: null, endedAt: null } }));
    expect(bundle.entry![1]!.resource).toMatchObject({ status: 'planned', period: { start: '2026-03-03T14:00:00.000Z', end: '2026-03-03T14:30:00.000Z' } });
  });

  it('finds what is not valid FHIR, naming the entry', () => {
    const { bundle } = sessionBundle(input({ readings: [reading('heart_rate', 1)] }));
    (bundle.entry![2]!.resource as unknown as Record<string, unknown>).colour = 'red';
    expect(validateBundle(bundle)).toEqual([{ path: 'entry[2].resource Observation.colour', message: 'Invalid additional property "colour"' }]);
  });

  it('reads the id out of a transaction response location', () => {
    expect(idFromLocation('Observation/abc-1/_history/2')).toBe('abc-1');
    expect(idFromLocation('https://ehr.example/fhir/Patient/77')).toBe('77');
    expect(idFromLocation(undefined)).toBeNull();
  });
});
