import type { Kysely } from 'kysely';
import { type Answers, type DocumentToComplete, type SessionDocument, validateAnswers } from '../../../shared/documents';
import { dateIn } from '../../../shared/format';
import type { Clock } from '../../clock';
import type { Database } from '../../db/schema';
import { conflict, DomainError, forbidden, invalid, notFound } from '../../errors';
import type { FileStore } from '../../storage/file-store';
import type { Actor, PortalVisitor } from '../auth';
import { type HistoryActor, recordHistory } from '../history';
import { type ParticipantAction, requireParticipantAccess, requireSessionAccess, type SessionAction } from '../access';
import { loadPdf } from './pdf-loader';
import { documentQuery, findSessionForPdf, type Row } from './completion-repo';
import { findFile } from '../files';

type Db = Kysely<Database>;

function summary(row: Row): SessionDocument {
  return {
    id: row.id,
    templateId: row.template_id,
    name: row.name,
    audience: row.audience,
    kind: row.kind,
    version: row.version,
    assignee: row.participant_id
      ? { kind: 'participant', id: row.participant_id, name: row.participant_name ?? '' }
      : { kind: 'host', id: row.host_id!, name: row.host_name ?? '' },
    status: row.status,
    completedAt: row.completed_at?.toISOString() ?? null,
  };
}

const toDocument = (row: Row, fileUrl: string | null): DocumentToComplete => ({
  ...summary(row),
  fields: row.fields,
  answers: row.answers,
  completedBy: row.completed_by_kind && row.completed_by_name ? { kind: row.completed_by_kind, name: row.completed_by_name } : null,
  fileUrl: row.file_id ? fileUrl : null,
});

/** The zone of whoever completes the document: their times and their "today". */
const signerZone = (row: Row) => (row.participant_id ? row.participant_time_zone : row.host_time_zone) ?? 'UTC';

const notCompleted = () => new DomainError('conflict', 'not_completed', 'This document has not been completed yet');

export interface CompletionDeps {
  db: Kysely<Database>;
  clock: Clock;
  storage: FileStore;
}

/**
 * Filling in documents: participants theirs (on their page), hosts the host documents (in the
 * Documents tab); anyone who may see a session may read its completed documents and their PDFs.
 */
export function createDocumentCompletion({ db, clock, storage }: CompletionDeps) {
  async function staffDocument(db: Db, actor: Actor, sessionId: string, documentId: string, action: SessionAction = 'read'): Promise<Row> {
    await requireSessionAccess(db, actor, sessionId, action);
    const row = await documentQuery(db).where('d.session_id', '=', sessionId).where('d.id', '=', documentId).executeTakeFirst();
    if (!row) throw notFound('Document');
    return row;
  }

  async function visitorDocument(db: Db, visitor: PortalVisitor, documentId: string, action: ParticipantAction = 'read'): Promise<Row> {
    await requireParticipantAccess(db, visitor, action);
    // Only the visitor's own: never a host document, never another participant's.
    const row = await documentQuery(db)
      .where('d.session_id', '=', visitor.sessionId)
      .where('d.participant_id', '=', visitor.participantId)
      .where('d.id', '=', documentId)
      .executeTakeFirst();
    if (!row) throw notFound('Document');
    return row;
  }

  /** Checks the answers against the version the document was assigned with, then stores them. */
  async function complete(trx: Db, row: Row, answers: Answers, signer: HistoryActor & { kind: 'participant' | 'user' }): Promise<void> {
    if (row.session_status === 'canceled') throw conflict('invalid_state', 'This session was canceled');
    if (row.status === 'completed') throw conflict('already_completed', 'This document has already been completed');
    const now = clock.now();
    // Date limits count days where the signer is: a birth date entered at 23:30 in Honolulu is not in the future.
    const errors = validateAnswers(row.fields, answers, dateIn(now, signerZone(row)));
    if (errors.length === 0) errors.push(...(await (await loadPdf()).unreadableSignatures(row.fields, answers)));
    if (errors.length > 0) throw invalid(errors, 'Some answers need attention');
    const updated = await trx
      .updateTable('session_documents')
      .set({
        status: 'completed',
        answers: JSON.stringify(answers),
        completed_at: now,
        completed_by_kind: signer.kind,
        completed_by_id: signer.id,
        completed_by_name: signer.name,
      })
      .where('id', '=', row.id)
      .where('status', '=', 'pending') // a concurrent completion loses here, not silently twice
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw conflict('already_completed', 'This document has already been completed');
    await recordHistory(trx, {
      organizationId: row.organization_id,
      sessionId: row.session_id,
      at: now,
      type: 'document_completed',
      actor: signer,
      data: { documentId: row.id, templateId: row.template_id, version: row.version, name: row.name },
    });
  }

  async function pdf(row: Row): Promise<{ filename: string; bytes: Uint8Array }> {
    if (row.status !== 'completed' || !row.answers || !row.completed_at) throw notCompleted();
    const session = await findSessionForPdf(db, row.session_id);
    const file = row.kind === 'pdf' && row.file_id ? await findFile(db, row.organization_id, row.file_id) : undefined;
    const bytes = await (await loadPdf()).renderCompletedDocument({
      organizationName: session.organization_name,
      session: {
        serviceName: session.service_name,
        sessionTypeName: session.session_type_name,
        hostName: session.host_name,
        start: session.starts_at.toISOString(),
        end: session.ends_at.toISOString(),
      },
      document: { id: row.id, name: row.name, version: row.version, kind: row.kind, fields: row.fields, answers: row.answers },
      signer: { name: row.completed_by_name ?? '', role: row.completed_by_kind === 'participant' ? 'participant' : 'host' },
      completedAt: row.completed_at.toISOString(),
      timeZone: signerZone(row),
      ...(file ? { sourcePdf: await storage.get(file.storage_key) } : {}),
    });
    return { filename: `${row.name.replace(/[^\p{L}\p{N} _-]+/gu, '').trim() || 'document'} (signed).pdf`, bytes };
  }

  async function source(row: Row): Promise<{ filename: string; bytes: Uint8Array }> {
    const file = row.file_id ? await findFile(db, row.organization_id, row.file_id) : undefined;
    if (!file) throw notFound('File');
    return { filename: file.filename, bytes: await storage.get(file.storage_key) };
  }

  async function getForStaff(actor: Actor, sessionId: string, documentId: string): Promise<DocumentToComplete> {
    return toDocument(await staffDocument(db, actor, sessionId, documentId), `/api/sessions/${sessionId}/documents/${documentId}/file`);
  }

  return {
    getForStaff,

    async listForStaff(actor: Actor, sessionId: string): Promise<SessionDocument[]> {
      await requireSessionAccess(db, actor, sessionId, 'read');
      const rows = await documentQuery(db).where('d.session_id', '=', sessionId).orderBy('v.name').orderBy('d.created_at').execute();
      return rows.map(summary);
    },

    /** A host document, completed by the host it is assigned to: a signature is personal. */
    async completeAsHost(actor: Actor, sessionId: string, documentId: string, answers: Answers): Promise<DocumentToComplete> {
      await db.transaction().execute(async (trx) => {
        const row = await staffDocument(trx, actor, sessionId, documentId, 'host');
        if (row.host_id !== actor.id) throw forbidden('Only the host it is assigned to can complete this document');
        await complete(trx, row, answers, { kind: 'user', id: actor.id, name: actor.name });
      });
      return getForStaff(actor, sessionId, documentId);
    },

    pdfForStaff: async (actor: Actor, sessionId: string, documentId: string) => pdf(await staffDocument(db, actor, sessionId, documentId)),
    fileForStaff: async (actor: Actor, sessionId: string, documentId: string) => source(await staffDocument(db, actor, sessionId, documentId)),

    async listForParticipant(visitor: PortalVisitor): Promise<DocumentToComplete[]> {
      await requireParticipantAccess(db, visitor, 'read');
      const rows = await documentQuery(db)
        .where('d.session_id', '=', visitor.sessionId)
        .where('d.participant_id', '=', visitor.participantId)
        .orderBy('v.name')
        .execute();
      return rows.map((row) => toDocument(row, `/api/portal/documents/${row.id}/file`));
    },

    async completeAsParticipant(visitor: PortalVisitor, documentId: string, answers: Answers): Promise<DocumentToComplete> {
      await db.transaction().execute(async (trx) => {
        const row = await visitorDocument(trx, visitor, documentId, 'take_part');
        await complete(trx, row, answers, { kind: 'participant', id: visitor.participantId, name: row.participant_name ?? 'Participant' });
      });
      const row = await visitorDocument(db, visitor, documentId);
      return toDocument(row, `/api/portal/documents/${row.id}/file`);
    },

    /** The session's completed documents, each rendered as its signed PDF on demand: for sending to the EHR (no caller). */
    async signedDocuments(sessionId: string) {
      const rows = await documentQuery(db).where('d.session_id', '=', sessionId).where('d.status', '=', 'completed').orderBy('d.completed_at').orderBy('d.id').execute();
      return rows.map((row) => ({
        id: row.id,
        name: row.name,
        participantId: row.participant_id,
        completedAt: row.completed_at!.toISOString(),
        signerName: row.completed_by_name ?? '',
        render: async () => (await pdf(row)).bytes,
      }));
    },

    pdfForParticipant: async (visitor: PortalVisitor, documentId: string) => pdf(await visitorDocument(db, visitor, documentId)),
    fileForParticipant: async (visitor: PortalVisitor, documentId: string) => source(await visitorDocument(db, visitor, documentId)),
  };
}

export type DocumentCompletion = ReturnType<typeof createDocumentCompletion>;
