import type { Bundle, BundleEntry, CodeableConcept, DocumentReference, Encounter, Identifier, Media, Observation, Patient, Quantity, Reference, Resource } from '@medplum/fhirtypes';

/** References to the session's patients and its encounter. */
type PatientRef = Reference<Patient>;
type EncounterRef = Reference<Encounter>;
import type { SessionImage } from '../../../shared/images';
import type { Reading } from '../../../shared/medcart';
import { BP_COMPONENTS, KINDS, type ReadingKind } from '../../../shared/vitals';
import type { EhrItemKind } from '../../db/schema';

/**
 * The one place that knows FHIR shapes: a session's rows become an R4 transaction Bundle. Every
 * entry carries a Carebeam identifier and is written so that sending the Bundle again changes
 * nothing: a conditional create (`ifNoneExist`) for what never changes, a conditional update for
 * what may (the Encounter's status and period; a reading later found entered in error).
 */

/** Carebeam's identifier systems; the values are our own ids. */
export const SID = {
  participant: 'https://carebeam.app/fhir/sid/participant',
  session: 'https://carebeam.app/fhir/sid/session',
  reading: 'https://carebeam.app/fhir/sid/reading',
  image: 'https://carebeam.app/fhir/sid/image',
  document: 'https://carebeam.app/fhir/sid/document',
} as const;

const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';

export interface ExportSession {
  id: string;
  status: 'scheduled' | 'in_progress' | 'completed' | 'no_show' | 'canceled';
  startsAt: string;
  endsAt: string;
  startedAt: string | null;
  endedAt: string | null;
  serviceName: string;
  hostName: string;
}

export interface ExportPatient {
  participantId: string;
  name: string;
  email: string | null;
  phone: string | null;
  /** The EHR's own identifier of this patient (e.g. an MRN), when staff entered it. */
  ehrIdentifier: { system: string; value: string } | null;
}

export interface ExportDocument {
  id: string;
  name: string;
  participantId: string | null;
  completedAt: string;
  signerName: string;
  pdf: Uint8Array;
}

export interface ExportInput {
  session: ExportSession;
  /** The session's participants, in the order they were added. */
  patients: ExportPatient[];
  readings: Reading[];
  /** Readings an earlier send delivered: one found entered in error since must be updated there. */
  sentReadingIds: ReadonlySet<string>;
  images: (SessionImage & { bytes: Uint8Array })[];
  documents: ExportDocument[];
}

/** Which Carebeam row each entry stands for, in entry order. */
export interface BundleItem {
  kind: EhrItemKind;
  id: string;
  resourceType: string;
}

export interface SessionBundle {
  bundle: Bundle;
  items: BundleItem[];
  /** Conditional references to patients the EHR already knows, to resolve before sending if the EHR cannot. */
  patientLookups: { reference: string; system: string; value: string }[];
}

const urn = (id: string) => `urn:uuid:${id}`;
const identifier = (system: string, value: string): Identifier => ({ system, value });
const ifNoneExist = (system: string, value: string) => `identifier=${system}|${value}`;
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

const ENCOUNTER_STATUS: Record<ExportSession['status'], Encounter['status']> = {
  scheduled: 'planned',
  in_progress: 'in-progress',
  completed: 'finished',
  no_show: 'cancelled',
  canceled: 'cancelled',
};

/** The FHIR vital-signs profile of each kind; glucose is a laboratory result, outside that profile. */
const PROFILE: Record<ReadingKind, string | null> = {
  blood_pressure: 'bp',
  heart_rate: 'heartrate',
  respiratory_rate: 'resprate',
  oxygen_saturation: 'oxygensat',
  body_temperature: 'bodytemp',
  body_weight: 'bodyweight',
  body_height: 'bodyheight',
  bmi: 'bmi',
  blood_glucose: null,
};

const category = (kind: ReadingKind): CodeableConcept => {
  const code = PROFILE[kind] ? { code: 'vital-signs', display: 'Vital Signs' } : { code: 'laboratory', display: 'Laboratory' };
  return { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', ...code }] };
};

const quantity = (value: number, unit: string): Quantity => ({ value, unit, system: UCUM, code: unit });

function observation(reading: Reading, subject: PatientRef, encounter: EncounterRef): Observation {
  const spec = KINDS[reading.kind];
  const profile = PROFILE[reading.kind];
  const device = reading.cart ? [reading.cart.name, reading.deviceLabel].filter(Boolean).join(' · ') : null;
  return {
    resourceType: 'Observation',
    ...(profile ? { meta: { profile: ['http://hl7.org/fhir/StructureDefinition/vitalsigns', `http://hl7.org/fhir/StructureDefinition/${profile}`] } } : {}),
    identifier: [identifier(SID.reading, reading.id)],
    status: reading.status,
    category: [category(reading.kind)],
    code: { coding: [{ system: LOINC, code: spec.loinc, display: spec.display }], text: spec.label },
    subject,
    encounter,
    effectiveDateTime: reading.effectiveAt,
    issued: reading.recordedAt,
    ...(reading.enteredBy ? { performer: [{ display: reading.enteredBy.name }] } : {}),
    ...(device ? { device: { display: device } } : {}),
    ...(reading.components
      ? {
          component: (['systolic', 'diastolic'] as const).map((part) => ({
            code: { coding: [{ system: LOINC, code: BP_COMPONENTS[part].loinc, display: BP_COMPONENTS[part].display }] },
            valueQuantity: quantity(reading.components![part], reading.unit),
          })),
        }
      : { valueQuantity: quantity(reading.value!, reading.unit) }),
    ...(reading.flag
      ? { interpretation: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: reading.flag === 'high' ? 'H' : 'L', display: reading.flag === 'high' ? 'High' : 'Low' }] }] }
      : {}),
  };
}

function patient(p: ExportPatient): Patient {
  const telecom = [...(p.email ? [{ system: 'email' as const, value: p.email }] : []), ...(p.phone ? [{ system: 'phone' as const, value: p.phone }] : [])];
  return { resourceType: 'Patient', identifier: [identifier(SID.participant, p.participantId)], name: [{ text: p.name }], ...(telecom.length ? { telecom } : {}) };
}

function encounter(session: ExportSession, subject: PatientRef): Encounter {
  return {
    resourceType: 'Encounter',
    identifier: [identifier(SID.session, session.id)],
    status: ENCOUNTER_STATUS[session.status],
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'VR', display: 'virtual' },
    serviceType: { text: session.serviceName },
    subject,
    participant: [{ individual: { display: session.hostName } }],
    // What happened when it did; the scheduled times until then.
    period: { start: session.startedAt ?? session.startsAt, end: session.endedAt ?? session.endsAt },
  };
}

function media(image: ExportInput['images'][number], subject: PatientRef, encounterRef: EncounterRef): Media {
  const title = image.label ?? (image.kind === 'screenshot' ? 'Screenshot from the video call' : 'Image');
  return {
    resourceType: 'Media',
    identifier: [identifier(SID.image, image.id)],
    status: 'completed',
    type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/media-type', code: 'image', display: 'Image' }] },
    ...(image.kind === 'screenshot' ? { modality: { text: 'Video call screenshot' } } : {}),
    subject,
    encounter: encounterRef,
    createdDateTime: image.createdAt,
    operator: { display: image.takenBy.name },
    content: { contentType: image.contentType, data: base64(image.bytes), size: image.size, title, creation: image.createdAt },
  };
}

function documentReference(document: ExportDocument, subject: PatientRef, encounterRef: EncounterRef): DocumentReference {
  return {
    resourceType: 'DocumentReference',
    identifier: [identifier(SID.document, document.id)],
    status: 'current',
    docStatus: 'final',
    type: { text: document.name },
    subject,
    date: document.completedAt,
    author: [{ display: document.signerName }],
    description: document.name,
    content: [{ attachment: { contentType: 'application/pdf', data: base64(document.pdf), title: `${document.name} (signed).pdf`, creation: document.completedAt } }],
    context: { encounter: [encounterRef] },
  };
}

/**
 * Whom the session is about: the first participant with readings, else the first participant.
 * A relative or an interpreter in the same session is not the patient of its Encounter.
 */
function mainPatient(input: ExportInput): ExportPatient {
  const withReadings = new Set(input.readings.map((r) => r.participantId));
  return input.patients.find((p) => withReadings.has(p.participantId)) ?? input.patients[0]!;
}

/** The session as one FHIR R4 transaction Bundle, and which row each entry stands for. */
export function sessionBundle(input: ExportInput): SessionBundle {
  const entries: BundleEntry[] = [];
  const items: BundleItem[] = [];
  const patientLookups: SessionBundle['patientLookups'] = [];
  const add = (item: Omit<BundleItem, 'resourceType'>, resource: Resource, request: BundleEntry['request']) => {
    entries.push({ fullUrl: urn(item.id), resource, request });
    items.push({ ...item, resourceType: resource.resourceType });
  };

  const main = mainPatient(input);
  const readings = input.readings.filter((r) => r.status === 'final' || input.sentReadingIds.has(r.id));
  const subjects = new Set([main.participantId, ...readings.map((r) => r.participantId), ...input.images.flatMap((i) => (i.participantId ? [i.participantId] : [])), ...input.documents.flatMap((d) => (d.participantId ? [d.participantId] : []))]);
  const references = new Map<string, PatientRef>();
  for (const p of input.patients.filter((x) => subjects.has(x.participantId))) {
    if (p.ehrIdentifier) {
      const reference = `Patient?identifier=${encodeURIComponent(p.ehrIdentifier.system)}|${encodeURIComponent(p.ehrIdentifier.value)}`;
      patientLookups.push({ reference, ...p.ehrIdentifier });
      references.set(p.participantId, { reference, display: p.name });
    } else {
      add({ kind: 'patient', id: p.participantId }, patient(p), { method: 'POST', url: 'Patient', ifNoneExist: ifNoneExist(SID.participant, p.participantId) });
      references.set(p.participantId, { reference: urn(p.participantId), display: p.name });
    }
  }
  const subjectOf = (participantId: string | null) => references.get(participantId ?? main.participantId)!;
  const encounterRef: EncounterRef = { reference: urn(input.session.id) };
  add({ kind: 'encounter', id: input.session.id }, encounter(input.session, subjectOf(null)), { method: 'PUT', url: `Encounter?${ifNoneExist(SID.session, input.session.id)}` });
  for (const reading of readings) {
    const request: BundleEntry['request'] = reading.status === 'final' ? { method: 'POST', url: 'Observation', ifNoneExist: ifNoneExist(SID.reading, reading.id) } : { method: 'PUT', url: `Observation?${ifNoneExist(SID.reading, reading.id)}` };
    add({ kind: 'reading', id: reading.id }, observation(reading, subjectOf(reading.participantId), encounterRef), request);
  }
  for (const image of input.images) {
    add({ kind: 'image', id: image.id }, media(image, subjectOf(image.participantId), encounterRef), { method: 'POST', url: 'Media', ifNoneExist: ifNoneExist(SID.image, image.id) });
  }
  for (const document of input.documents) {
    add({ kind: 'document', id: document.id }, documentReference(document, subjectOf(document.participantId), encounterRef), { method: 'POST', url: 'DocumentReference', ifNoneExist: ifNoneExist(SID.document, document.id) });
  }
  return { bundle: { resourceType: 'Bundle', type: 'transaction', entry: entries }, items, patientLookups };
}

/** The id a transaction-response entry gives (`Observation/123/_history/1` → 123). */
export function idFromLocation(location: string | undefined): string | null {
  const match = /^(?:.*\/)?[A-Za-z]+\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(location ?? '');
  return match?.[1] ?? null;
}

/** The entries of a transaction response, in the order they were sent: status and id. */
export function transactionResults(response: unknown): { status: string; id: string | null }[] {
  const entries = (response as Bundle | null)?.entry ?? [];
  return entries.map((entry) => ({ status: entry.response?.status ?? '', id: idFromLocation(entry.response?.location) }));
}

/** Issues of an OperationOutcome, flattened for the send log. */
export function outcomeIssues(outcome: unknown): { severity: string; code: string; diagnostics: string | null; expression: string[] }[] {
  const issues = (outcome as { issue?: { severity?: string; code?: string; diagnostics?: string; details?: { text?: string }; expression?: string[] }[] } | null)?.issue ?? [];
  return issues.slice(0, 20).map((issue) => ({
    severity: issue.severity ?? 'error',
    code: issue.code ?? 'unknown',
    diagnostics: issue.details?.text ?? issue.diagnostics ?? null,
    expression: issue.expression ?? [],
  }));
}

/** Replaces conditional patient references with the ids the EHR resolved them to. */
export function withResolvedPatients(bundle: Bundle, resolved: ReadonlyMap<string, string>): Bundle {
  const json = JSON.stringify(bundle, (key, value: unknown) => (key === 'reference' && typeof value === 'string' && resolved.has(value) ? `Patient/${resolved.get(value)}` : value));
  return JSON.parse(json) as Bundle;
}
