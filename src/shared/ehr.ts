import { z } from 'zod';
import { singleLine } from './text';

/** API shapes of the EHR connection and of sending sessions to it as FHIR R4. */

export const SIGNING_ALGORITHMS = ['ES384', 'RS384'] as const;
export const DEFAULT_SCOPES = 'system/Patient.rs system/Encounter.cu system/Observation.cu system/Media.c system/DocumentReference.c';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
/** Patient data travels there: https, or http to this machine only (a test server). */
export function isSafeEhrUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname))) && !url.search && !url.hash && !url.username;
  } catch {
    return false;
  }
}

/** What the tab's status line says: whether an EHR is connected, and what the last check found. */
export const ehrStatusSchema = z
  .object({
    connected: z.boolean().describe('An EHR connection is set up'),
    name: z.string().nullable(),
    lastCheckedAt: z.iso.datetime().nullable(),
    lastCheckOk: z.boolean().nullable().describe('null: not tested since it was set up or changed'),
    lastCheckDetail: z.string().nullable().describe('What the EHR answered (its software and FHIR version), or why the check failed'),
    autoSend: z.boolean(),
  })
  .meta({ id: 'EhrStatus', description: "The organization's EHR connection as the MedCart tab shows it" });
export type EhrStatus = z.infer<typeof ehrStatusSchema>;

export const ehrConnectionSchema = z
  .object({
    status: ehrStatusSchema,
    settings: z
      .object({
        name: z.string(),
        fhirBaseUrl: z.string(),
        clientId: z.string(),
        scopes: z.string(),
        algorithm: z.enum(SIGNING_ALGORITHMS),
        autoSend: z.boolean(),
        tokenUrl: z.string().nullable().describe("Discovered from the EHR's .well-known/smart-configuration"),
      })
      .nullable(),
    key: z.object({ kid: z.string(), algorithm: z.enum(SIGNING_ALGORITHMS), createdAt: z.iso.datetime() }).nullable(),
    jwksUrl: z.string().describe('Where Carebeam publishes its public keys: register it with the EHR'),
    keySecretConfigured: z.boolean().describe('False until EHR_KEY_SECRET is set: no key can be made or used'),
  })
  .meta({ id: 'EhrConnection', description: "The organization's EHR connection, for administrators" });
export type EhrConnection = z.infer<typeof ehrConnectionSchema>;

export const saveEhrConnectionSchema = z
  .object({
    name: singleLine(z.string().trim().min(1, { message: 'Enter the EHR’s name' }).max(100)),
    fhirBaseUrl: z
      .string()
      .trim()
      .refine(isSafeEhrUrl, { message: 'Use the https:// address of the FHIR R4 server (no query)' })
      .transform((url) => url.replace(/\/+$/, '')),
    clientId: z.string().trim().min(1, { message: 'Enter the client id the EHR gave you' }).max(200),
    scopes: z.string().trim().min(1, { message: 'Enter the scopes' }).max(1000),
    algorithm: z.enum(SIGNING_ALGORITHMS).default('ES384'),
    autoSend: z.boolean().default(false).describe('Send each session when it completes'),
  })
  .meta({ id: 'SaveEhrConnection', description: 'Where the EHR is and how Carebeam signs in to it' });
export type SaveEhrConnection = z.output<typeof saveEhrConnectionSchema>;

export const EXPORT_STATUSES = ['queued', 'sent', 'failed'] as const;
export const ITEM_KINDS = ['patient', 'encounter', 'reading', 'image', 'document'] as const;
export const SEND_STATES = ['not_sent', 'queued', 'sent', 'failed'] as const;
export type SendState = (typeof SEND_STATES)[number];

export const ehrExportSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(EXPORT_STATUSES),
    trigger: z.enum(['manual', 'auto', 'retry']),
    requestedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    createdAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
    attempts: z.array(z.object({ at: z.iso.datetime(), outcome: z.enum(['sent', 'retrying', 'failed']), httpStatus: z.number().int().nullable(), error: z.string().nullable() })),
    nextAttemptAt: z.iso.datetime().nullable().describe('When a queued send is tried (again)'),
    error: z.string().nullable(),
    outcome: z.array(z.object({ severity: z.string(), code: z.string(), diagnostics: z.string().nullable(), expression: z.array(z.string()) })).describe("The EHR's OperationOutcome issues when it refused the Bundle"),
    items: z.array(z.object({ kind: z.enum(ITEM_KINDS), id: z.uuid(), resourceType: z.string(), fhirId: z.string().nullable(), httpStatus: z.string() })).describe('What each entry became in the EHR'),
  })
  .meta({ id: 'EhrExport', description: 'One send of the session to the EHR, with its attempts and what each entry became' });
export type EhrExport = z.infer<typeof ehrExportSchema>;

export const patientIdentifierSchema = z
  .object({
    system: z.string().trim().min(1, { message: 'Enter the identifier system (a URI)' }).max(300),
    value: z.string().trim().min(1, { message: 'Enter the identifier' }).max(100),
  })
  .meta({ id: 'PatientIdentifier', description: "A participant's patient identifier in the EHR (e.g. an MRN with its system)" });
export type PatientIdentifier = z.infer<typeof patientIdentifierSchema>;

export const sessionEhrSchema = z
  .object({
    status: ehrStatusSchema,
    exports: z.array(ehrExportSchema).describe('Newest first'),
    items: z.array(z.object({ kind: z.enum(['reading', 'image', 'document']), id: z.uuid(), state: z.enum(SEND_STATES) })).describe("Where each reading, image and signed document stands"),
    patients: z.array(z.object({ participantId: z.uuid(), name: z.string(), identifier: patientIdentifierSchema.nullable() })),
  })
  .meta({ id: 'SessionEhr', description: "A session's sends to the EHR, the send-back state of each item, and its participants' EHR identifiers" });
export type SessionEhr = z.infer<typeof sessionEhrSchema>;

export const jwksSchema = z
  .object({ keys: z.array(z.looseObject({ kty: z.string(), kid: z.string(), alg: z.string(), use: z.string() })) })
  .meta({ id: 'Jwks', description: 'The public keys Carebeam signs its SMART Backend Services assertions with (one per organization)' });
export type PublicJwk = z.infer<typeof jwksSchema>['keys'][number];
