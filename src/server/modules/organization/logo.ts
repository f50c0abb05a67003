import type { Kysely } from 'kysely';
import type { OrganizationLogo } from '../../../shared/logo';
import type { Clock } from '../../clock';
import type { Database } from '../../db/schema';
import { DomainError, notFound } from '../../errors';
import type { FileStore } from '../../storage/file-store';
import { recordAudit } from '../audit';
import { type Actor, requireRole } from '../auth';
import { insertFile, storeBytes } from '../files';
import { logoImage } from './logo-image';
import { findLogoFile, setLogo } from './logo-repo';

/** The part of the image's SHA-256 its URL carries: a new logo is a new URL, so the old one may be cached for good. */
const hashOf = (sha256: string) => sha256.slice(0, 16);

/** How pages find the logo: its URL (changing with the image) and its size; null without one. */
export function organizationLogo(row: { sha256: string | null; width: number | null; height: number | null }): OrganizationLogo | null {
  if (!row.sha256 || !row.width || !row.height) return null;
  return { url: `/api/organization/logo/${hashOf(row.sha256)}`, width: row.width, height: row.height };
}

/** The logo's bytes for an email's inline part, or null when the organization has none now. */
export async function loadLogo(db: Kysely<Database>, storage: FileStore, organizationId: string): Promise<{ contentType: string; bytes: Uint8Array } | null> {
  const logo = await findLogoFile(db, organizationId);
  return logo ? { contentType: logo.contentType, bytes: await storage.get(logo.storageKey) } : null;
}

const EXTENSION = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' } as const;

/**
 * The organization's logo: administrators upload, replace and remove it; everyone who sees the
 * organization's name (its staff, its participants on their page, its emails) sees it.
 */
export function createLogoService({ db, clock, storage }: { db: Kysely<Database>; clock: Clock; storage: FileStore }) {
  async function audit(trx: Kysely<Database>, actor: Actor, action: string, data: Record<string, unknown>) {
    await recordAudit(trx, { organizationId: actor.organizationId, actorUserId: actor.id, action, entityType: 'organization', entityId: actor.organizationId, at: clock.now(), data });
  }

  return {
    /** The route reads at most MAX_LOGO_BYTES (a larger upload is 413 before this). */
    async set(actor: Actor, bytes: Uint8Array): Promise<OrganizationLogo> {
      requireRole(actor, 'admin');
      const image = logoImage(bytes);
      if (!image) throw new DomainError('unsupported_media_type', 'unsupported_media_type', 'Use a PNG, JPEG or WebP image (SVG is not accepted)');
      const stored = await storeBytes(storage, bytes);
      await db.transaction().execute(async (trx) => {
        const fileId = await insertFile(trx, { ...stored, organizationId: actor.organizationId, filename: `logo.${EXTENSION[image.contentType]}`, contentType: image.contentType, by: actor.id, at: clock.now() });
        await setLogo(trx, actor.organizationId, { fileId, width: image.width, height: image.height });
        await audit(trx, actor, 'organization.logo_set', { contentType: image.contentType, size: stored.size });
      });
      return organizationLogo({ sha256: stored.sha256, width: image.width, height: image.height })!;
    },

    /** The organization shows its name alone again; the old file stays in the store, like every upload. */
    async remove(actor: Actor): Promise<void> {
      requireRole(actor, 'admin');
      await db.transaction().execute(async (trx) => {
        await setLogo(trx, actor.organizationId, null);
        await audit(trx, actor, 'organization.logo_removed', {});
      });
    },

    /** The logo's bytes for whoever belongs to the organization; an old or unknown hash is 404. */
    async open(organizationId: string, hash: string): Promise<{ contentType: string; bytes: Uint8Array }> {
      const logo = await findLogoFile(db, organizationId);
      if (!logo || hashOf(logo.sha256) !== hash) throw notFound('Logo');
      return { contentType: logo.contentType, bytes: await storage.get(logo.storageKey) };
    },
  };
}

export type LogoService = ReturnType<typeof createLogoService>;
