import type { Kysely } from 'kysely';
import { IMAGE_LABEL_MAX, type SessionImage } from '../../../shared/images';
import type { Clock } from '../../clock';
import { notify } from '../../db/notify';
import type { Database } from '../../db/schema';
import { conflict, DomainError, invalid, notFound } from '../../errors';
import type { FileStore } from '../../storage/file-store';
import { requireSessionAccess } from '../access';
import type { Actor } from '../auth';
import { insertFile, safeFilename, storeBytes } from '../files';
import { recordHistory } from '../history';
import { participantsOf } from './carts-repo';
import * as repo from './images-repo';

type Db = Kysely<Database>;

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg']);
const EXTENSION = { 'image/png': 'png', 'image/jpeg': 'jpg' } as const;

export interface ImageUpload {
  filename: string;
  bytes: Uint8Array;
  label?: string | undefined;
  participantId?: string | undefined;
}

/** PNG or JPEG, decided by the bytes (never by the name or the browser's word). */
async function imageType(bytes: Uint8Array): Promise<SessionImage['contentType'] | null> {
  // Loaded on first use, not at start.
  const detected = bytes.byteLength > 0 ? await (await import('file-type')).fileTypeFromBuffer(bytes) : undefined;
  return detected && IMAGE_TYPES.has(detected.mime) ? (detected.mime as SessionImage['contentType']) : null;
}

/**
 * A session's stills: screenshots staff capture from someone's video in the call, and images staff
 * upload to the MedCart tab. Only the session's staff add or see them.
 */
export function createImagesService({ db, clock, storage }: { db: Db; clock: Clock; storage: FileStore }) {
  return {
    async add(actor: Actor, sessionId: string, kind: SessionImage['kind'], upload: ImageUpload): Promise<SessionImage> {
      const session = await requireSessionAccess(db, actor, sessionId, 'manage');
      if (session.status === 'canceled') throw conflict('invalid_state', 'This session was canceled');
      const label = upload.label?.trim() || null;
      if (label && label.length > IMAGE_LABEL_MAX) throw invalid([{ path: 'label', message: `Use at most ${IMAGE_LABEL_MAX} characters` }]);
      const participant = upload.participantId ? (await participantsOf(db, sessionId)).find((p) => p.id === upload.participantId) : undefined;
      if (upload.participantId && !participant) throw invalid([{ path: 'participantId', message: 'Not a participant of this session' }]);
      const contentType = await imageType(upload.bytes);
      if (!contentType) throw new DomainError('unsupported_media_type', 'unsupported_media_type', 'Use a PNG or JPEG image');

      const stored = await storeBytes(storage, upload.bytes);
      const at = clock.now();
      const filename = safeFilename(upload.filename, `${kind}.${EXTENSION[contentType]}`);
      const id = await db.transaction().execute(async (trx) => {
        const fileId = await insertFile(trx, { ...stored, organizationId: session.organization_id, filename, contentType, by: actor.id, at });
        const imageId = await repo.insertImage(trx, { organizationId: session.organization_id, sessionId, fileId, kind, label, participantId: participant?.id ?? null, by: actor.id, at });
        const by = { kind: 'user' as const, id: actor.id, name: actor.name };
        await recordHistory(
          trx,
          kind === 'screenshot'
            ? { organizationId: session.organization_id, sessionId, at, actor: by, type: 'screenshot_captured', data: { imageId, participantId: participant?.id ?? null, participantName: participant?.name ?? null, label } }
            : { organizationId: session.organization_id, sessionId, at, actor: by, type: 'image_uploaded', data: { imageId, label } },
        );
        await notify(trx, { kind: 'medcart', sessionId, change: 'image', ...(kind === 'screenshot' && participant ? { imageId } : {}) });
        return imageId;
      });
      return (await repo.findImage(db, sessionId, id))!;
    },

    async list(actor: Actor, sessionId: string): Promise<SessionImage[]> {
      await requireSessionAccess(db, actor, sessionId, 'read');
      return repo.sessionImages(db, sessionId);
    },

    /** The image's bytes (its route audits every opening, inline or not). */
    async open(actor: Actor, sessionId: string, imageId: string): Promise<{ filename: string; contentType: string; bytes: Uint8Array }> {
      await requireSessionAccess(db, actor, sessionId, 'read');
      const image = await repo.findImage(db, sessionId, imageId);
      if (!image) throw notFound('Image');
      return { filename: image.filename, contentType: image.contentType, bytes: await storage.get(image.storageKey) };
    },
  };
}

export type ImagesService = ReturnType<typeof createImagesService>;
