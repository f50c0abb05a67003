import { invalid } from '../../errors';

/** Keyset cursor: the (start, id) of the last item of a page, opaque to clients. */
export const encodeCursor = (session: { start: string; id: string }) =>
  Buffer.from(JSON.stringify([session.start, session.id])).toString('base64url');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function decodeCursor(cursor: string): { start: Date; id: string } {
  try {
    const [start, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [string, string];
    const date = new Date(start);
    // Only what we could have issued: a real uuid, and an instant PostgreSQL can compare with.
    const year = date.getUTCFullYear();
    if (Number.isNaN(year) || year < 1 || year > 9999 || !UUID.test(id)) throw new Error('bad cursor');
    return { start: date, id };
  } catch {
    throw invalid([{ path: 'cursor', message: 'This cursor is not valid: start from the first page' }]);
  }
}
