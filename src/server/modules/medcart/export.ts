import type { Kysely } from 'kysely';
import type { SessionImage } from '../../../shared/images';
import type { Reading } from '../../../shared/medcart';
import type { Database } from '../../db/schema';
import type { FileStore } from '../../storage/file-store';
import * as images from './images-repo';
import { sessionReadings } from './readings-repo';

/** A session's MedCart data as the EHR export reads it: every reading, and each image with its bytes. */
export async function medcartDataOf(db: Kysely<Database>, storage: FileStore, sessionId: string): Promise<{ readings: Reading[]; images: (SessionImage & { bytes: Uint8Array })[] }> {
  const withBytes = [];
  for (const { storageKey, ...image } of await images.sessionImageFiles(db, sessionId)) withBytes.push({ ...image, bytes: await storage.get(storageKey) });
  return { readings: await sessionReadings(db, sessionId), images: withBytes };
}

/** Which readings and images a session has, without the images' bytes. */
export async function medcartItemsOf(db: Kysely<Database>, sessionId: string): Promise<{ readings: Reading[]; images: SessionImage[] }> {
  return { readings: await sessionReadings(db, sessionId), images: await images.sessionImages(db, sessionId) };
}
