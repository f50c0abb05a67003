import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { Database } from '../db/schema';
import { claimDueExports, type EhrExports } from '../modules/ehr';

export interface EhrSendDeps {
  db: Kysely<Database>;
  clock: Clock;
  exports: EhrExports;
}

const SECOND = 1000;
/** Wait before attempt 2 … 6 after a failure that may pass; then the send has failed for good. */
const BACKOFF = [15, 60, 5 * 60, 30 * 60, 2 * 60 * 60].map((s) => s * SECOND);
/** A send holds its lease this long: building a Bundle with images and PDFs and posting it takes a while. */
const LEASE = 5 * 60 * SECOND;

/**
 * The EHR send job: sends queued sessions, `batchSize` leased at a time. A failure that may pass
 * (network, timeout, 408, 429, 5xx) is tried again after a backoff (or the EHR's Retry-After,
 * if longer); any other fails the send with the EHR's answer kept. Returns how many it handled.
 */
export async function sendDueExports(deps: EhrSendDeps, batchSize: number): Promise<number> {
  let handled = 0;
  for (;;) {
    const now = deps.clock.now();
    const claimed = await claimDueExports(deps.db, now, new Date(now.getTime() + LEASE), batchSize);
    for (const send of claimed) {
      const result = await deps.exports.attempt(send);
      const wait = BACKOFF[send.attempts];
      const retryAt =
        !result.sent && result.error.retryable && wait !== undefined ? new Date(deps.clock.now().getTime() + Math.max(wait, result.error.retryAfterMs ?? 0)) : null;
      await deps.exports.record(send, result, retryAt);
    }
    handled += claimed.length;
    if (claimed.length < batchSize) return handled;
  }
}
