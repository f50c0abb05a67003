import type { Bundle } from '@medplum/fhirtypes';
import type { Kysely } from 'kysely';
import type { EhrExport, SendState, SessionEhr } from '../../../shared/ehr';
import type { Clock } from '../../clock';
import { notify } from '../../db/notify';
import type { Database } from '../../db/schema';
import { conflict, DomainError, notFound } from '../../errors';
import type { FileStore } from '../../storage/file-store';
import { requireSessionAccess } from '../access';
import type { Actor } from '../auth';
import { recordHistory } from '../history';
import { medcartDataOf, medcartItemsOf } from '../medcart';
import * as connections from './connection-repo';
import { statusOf } from './connection';
import * as repo from './export-repo';
import { type ExportDocument, type ExportInput, type SessionBundle, sessionBundle, transactionResults, withResolvedPatients } from './fhir-mapper';
import type { EhrGateway } from './gateway';
import { EhrError } from './smart-client';

type Db = Kysely<Database>;

/** A session's completed documents as signed PDFs (the documents module renders them). */
export type SignedDocuments = (sessionId: string) => Promise<(Omit<ExportDocument, 'pdf'> & { render(): Promise<Uint8Array> })[]>;

export interface ExportsDeps {
  db: Db;
  clock: Clock;
  storage: FileStore;
  gateway: EhrGateway;
  signedDocuments: SignedDocuments;
}

/** What one attempt at sending did. */
export type AttemptResult = { sent: true; resources: number; created: number; items: repo.SentItem[] } | { sent: false; error: EhrError };

/**
 * Sending sessions to the EHR: the Bundle built from the session's rows (fhir-mapper), checked,
 * sent as one transaction by the outbox job, every attempt logged; and what staff see of it.
 */
export function createEhrExports({ db, clock, storage, gateway, signedDocuments }: ExportsDeps) {
  async function gather(sessionId: string): Promise<ExportInput & { organizationId: string }> {
    const session = await db
      .selectFrom('sessions as s')
      .innerJoin('services as sv', 'sv.id', 's.service_id')
      .innerJoin('users as h', 'h.id', 's.host_id')
      .select(['s.id', 's.organization_id', 's.status', 's.starts_at', 's.ends_at', 's.started_at', 's.ended_at', 'sv.name as service_name', 'h.name as host_name'])
      .where('s.id', '=', sessionId)
      .executeTakeFirstOrThrow();
    const participants = await db
      .selectFrom('session_participants as sp')
      .innerJoin('participants as p', 'p.id', 'sp.participant_id')
      .select(['p.id', 'p.name', 'p.email', 'p.phone'])
      .where('sp.session_id', '=', sessionId)
      .orderBy('sp.added_at')
      .orderBy('p.name')
      .execute();
    const identifiers = await connections.patientIdentifiers(db, participants.map((p) => p.id));
    const { readings, images } = await medcartDataOf(db, storage, sessionId);
    const documents: ExportDocument[] = [];
    for (const { render, ...document } of await signedDocuments(sessionId)) documents.push({ ...document, pdf: await render() });
    return {
      organizationId: session.organization_id,
      session: {
        id: session.id,
        status: session.status,
        startsAt: session.starts_at.toISOString(),
        endsAt: session.ends_at.toISOString(),
        startedAt: session.started_at?.toISOString() ?? null,
        endedAt: session.ended_at?.toISOString() ?? null,
        serviceName: session.service_name,
        hostName: session.host_name,
      },
      patients: participants.map((p) => ({ participantId: p.id, name: p.name, email: p.email, phone: p.phone, ehrIdentifier: identifiers.get(p.id) ?? null })),
      readings,
      sentReadingIds: await repo.deliveredItemIds(db, sessionId),
      images,
      documents,
    };
  }

  /** The session's Bundle, checked; a Bundle that fails the check is our fault and never leaves. */
  async function checkedBundle(sessionId: string): Promise<SessionBundle> {
    const input = await gather(sessionId);
    // Every participant removed: the Encounter would have no subject.
    if (input.patients.length === 0) throw new DomainError('unprocessable', 'no_patient', 'The session has no participants, so no patient to send it for');
    const built = sessionBundle(input);
    // Loaded on first use: Medplum's validator is not worth its import time at start.
    const { validateBundle } = await import('./fhir-validate');
    const problems = validateBundle(built.bundle);
    if (problems.length > 0) throw new DomainError('unprocessable', 'invalid_bundle', `Carebeam built a Bundle that is not valid FHIR R4: ${problems[0]!.path}: ${problems[0]!.message}`, { errors: problems });
    return built;
  }

  /** Resolves the conditional references to patients the EHR already knows (not every EHR does it in a transaction). */
  async function resolvePatients(organizationId: string, built: SessionBundle): Promise<Bundle> {
    const resolved = new Map<string, string>();
    for (const lookup of built.patientLookups) {
      const found = (await gateway.request(organizationId, { method: 'GET', path: `/Patient?${new URLSearchParams({ identifier: `${lookup.system}|${lookup.value}` })}` })) as Bundle | null;
      const ids = (found?.entry ?? []).flatMap((e) => (e.resource?.resourceType === 'Patient' && e.resource.id ? [e.resource.id] : []));
      if (ids.length !== 1) throw new EhrError(ids.length === 0 ? `The EHR has no patient with identifier ${lookup.value}` : `The EHR has ${ids.length} patients with identifier ${lookup.value}`, false);
      resolved.set(lookup.reference, ids[0]!);
    }
    return withResolvedPatients(built.bundle, resolved);
  }

  async function queue(actor: Actor, sessionId: string, trigger: 'manual' | 'retry'): Promise<{ export: EhrExport; created: boolean }> {
    return db.transaction().execute(async (trx) => {
      const session = await requireSessionAccess(trx, actor, sessionId, 'manage');
      if (!(await connections.findConnection(trx, actor.organizationId))) throw conflict('no_ehr_connection', 'No EHR connection is set up for your organization');
      const id = await repo.insertExport(trx, { organizationId: session.organization_id, sessionId, trigger, requestedBy: actor.id, at: clock.now() });
      if (id) await notify(trx, { kind: 'medcart', sessionId, change: 'ehr' });
      const exportId = id ?? (await repo.queuedExportOf(trx, sessionId))!;
      return { export: (await repo.exportsOf(trx, sessionId)).find((e) => e.id === exportId)!, created: id !== null };
    });
  }

  return {
    /** GET /sessions/:id/fhir: the Bundle a send would carry now, checked (patients the EHR knows by conditional reference). */
    async bundleFor(actor: Actor, sessionId: string): Promise<Bundle> {
      await requireSessionAccess(db, actor, sessionId, 'read');
      return (await checkedBundle(sessionId)).bundle;
    },

    /** "Send to EHR": queues a send (or returns the one already queued). */
    send: (actor: Actor, sessionId: string) => queue(actor, sessionId, 'manual'),

    /** "Retry" on a failed send: queues a new send of the session (the failed one stays in the log). */
    async retry(actor: Actor, sessionId: string, exportId: string): Promise<{ export: EhrExport; created: boolean }> {
      await requireSessionAccess(db, actor, sessionId, 'manage');
      const failed = await repo.findExport(db, sessionId, exportId);
      if (!failed) throw notFound('Send');
      if (failed.status !== 'failed') throw conflict('not_failed', 'Only a failed send can be retried');
      return queue(actor, sessionId, 'retry');
    },

    /** The session's sends and where each reading, image and signed document stands. */
    async ofSession(actor: Actor, sessionId: string): Promise<SessionEhr> {
      await requireSessionAccess(db, actor, sessionId, 'read');
      const exports = await repo.exportsOf(db, sessionId);
      const delivered = await repo.deliveredItemIds(db, sessionId);
      const latest = exports[0];
      const pending: SendState = latest?.status === 'queued' ? 'queued' : latest?.status === 'failed' ? 'failed' : 'not_sent';
      const state = (id: string): SendState => (delivered.has(id) ? 'sent' : pending);
      const { readings, images } = await medcartItemsOf(db, sessionId);
      const documents = await signedDocuments(sessionId);
      const participants = await db
        .selectFrom('session_participants as sp')
        .innerJoin('participants as p', 'p.id', 'sp.participant_id')
        .select(['p.id', 'p.name'])
        .where('sp.session_id', '=', sessionId)
        .orderBy('sp.added_at')
        .execute();
      const identifiers = await connections.patientIdentifiers(db, participants.map((p) => p.id));
      return {
        status: statusOf(await connections.findConnection(db, actor.organizationId)),
        exports,
        items: [
          ...readings.map((r) => ({ kind: 'reading' as const, id: r.id, state: state(r.id) })),
          ...images.map((i) => ({ kind: 'image' as const, id: i.id, state: state(i.id) })),
          ...documents.map((d) => ({ kind: 'document' as const, id: d.id, state: state(d.id) })),
        ],
        patients: participants.map((p) => ({ participantId: p.id, name: p.name, identifier: identifiers.get(p.id) ?? null })),
      };
    },

    /** One attempt at a claimed send: build, check, resolve patients, post the transaction. */
    async attempt(claimed: repo.ClaimedExport): Promise<AttemptResult> {
      // The operator stopped the organization: its queued sends end here, saying why.
      if (claimed.organization_deactivated) return { sent: false, error: new EhrError('Not sent: the organization was deactivated', false) };
      try {
        let built: SessionBundle;
        try {
          built = await checkedBundle(claimed.session_id);
        } catch (error) {
          if (error instanceof DomainError) throw new EhrError(error.message, false);
          throw error;
        }
        const bundle = await resolvePatients(claimed.organization_id, built);
        const results = transactionResults(await gateway.request(claimed.organization_id, { method: 'POST', path: '', body: bundle }));
        if (results.length !== built.items.length) throw new EhrError(`The EHR answered ${results.length} entries for ${built.items.length} sent`, false);
        const items = built.items.map((item, index) => ({ ...item, fhirId: results[index]!.id, httpStatus: results[index]!.status }));
        return { sent: true, resources: items.length, created: items.filter((i) => i.httpStatus.startsWith('201')).length, items };
      } catch (error) {
        if (error instanceof EhrError) return { sent: false, error };
        throw error;
      }
    },

    /** Writes what an attempt did, with the session's history when the send is over either way. */
    async record(claimed: repo.ClaimedExport, result: AttemptResult, retryAt: Date | null): Promise<void> {
      const at = clock.now();
      const ehrName = await gateway.name(claimed.organization_id);
      await db.transaction().execute(async (trx) => {
        const base = { organizationId: claimed.organization_id, sessionId: claimed.session_id, at, actor: { kind: 'system' as const, id: null, name: 'Carebeam' } };
        if (result.sent) {
          await repo.recordAttempt(trx, { id: claimed.id, at, httpStatus: 200, error: null, result: 'sent', items: result.items });
          await recordHistory(trx, { ...base, type: 'ehr_sent', data: { exportId: claimed.id, ehrName, resources: result.resources, created: result.created } });
        } else {
          const failure = { id: claimed.id, at, httpStatus: result.error.status, error: result.error.message, outcome: result.error.outcome };
          if (retryAt) await repo.recordAttempt(trx, { ...failure, result: 'retrying', retryAt });
          else {
            await repo.recordAttempt(trx, { ...failure, result: 'failed' });
            await recordHistory(trx, { ...base, type: 'ehr_failed', data: { exportId: claimed.id, ehrName, error: result.error.message } });
          }
        }
        await notify(trx, { kind: 'medcart', sessionId: claimed.session_id, change: 'ehr' });
      });
    },
  };
}

export type EhrExports = ReturnType<typeof createEhrExports>;
