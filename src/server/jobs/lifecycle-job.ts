import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { Database } from '../db/schema';
import { completeOverdueSessions } from '../modules/sessions';

const EVERY = 60_000;

/**
 * The lifecycle job: a session left in progress completes by itself a while after its end (the
 * organization's setting). Each instance may run it: the UPDATE takes each session once.
 * Returns the function that stops it.
 */
export function keepSessionsMovingOn(deps: { db: Kysely<Database>; clock: Clock; onError: (error: unknown) => void }): () => void {
  const run = () => completeOverdueSessions(deps.db, deps.clock.now()).catch(deps.onError);
  const timer = setInterval(run, EVERY);
  timer.unref();
  void run();
  return () => clearInterval(timer);
}
