import type { LifecycleAction } from '../../../shared/lifecycle';
import type { NextSession, UpdateSession } from '../../../shared/session-management';
import type { CreatedSession, SessionDetails, SessionParticipantInput } from '../../../shared/sessions';
import type { Participant } from '../../../shared/participants';
import type { Actor } from '../auth';
import { cancelSession } from './cancel';
import type { ManagementDeps } from './change';
import { setSessionDocuments } from './documents';
import { scheduleNextSession } from './next';
import { addSessionParticipant, removeSessionParticipant } from './participants';
import { transitionSession } from './lifecycle';
import { findSessionDetails } from './queries';
import { rescheduleSession } from './reschedule';
import { updateSession } from './update';

/**
 * Everything done to a session after it exists, one file per action. Each action locks the row,
 * checks access and state, and writes its change, history and messages in one transaction.
 */
export function createSessionManagement(deps: ManagementDeps) {
  const details = async (actor: Actor, id: string): Promise<SessionDetails> => (await findSessionDetails(deps.db, actor.organizationId, id))!;
  return {
    async update(actor: Actor, id: string, patch: UpdateSession): Promise<SessionDetails> {
      await updateSession(deps, actor, id, patch);
      return details(actor, id);
    },
    async reschedule(actor: Actor, id: string, input: { start: string; version?: number | undefined }): Promise<SessionDetails> {
      await rescheduleSession(deps, actor, id, input);
      return details(actor, id);
    },
    async cancel(actor: Actor, id: string, reason: string): Promise<SessionDetails> {
      await cancelSession(deps, actor, id, reason);
      return details(actor, id);
    },
    async setDocuments(actor: Actor, id: string, templateIds: string[]): Promise<SessionDetails> {
      await setSessionDocuments(deps, actor, id, templateIds);
      return details(actor, id);
    },
    addParticipant: (actor: Actor, id: string, input: SessionParticipantInput): Promise<Participant> => addSessionParticipant(deps, actor, id, input),
    removeParticipant: (actor: Actor, id: string, participantId: string): Promise<void> => removeSessionParticipant(deps, actor, id, participantId),
    /** Start, end or mark a no-show (shared/lifecycle.ts says when each may happen). */
    async transition(actor: Actor, id: string, action: LifecycleAction): Promise<SessionDetails> {
      await transitionSession(deps, actor, id, action);
      return details(actor, id);
    },
    scheduleNext: (actor: Actor, previousId: string, input: NextSession): Promise<CreatedSession> => scheduleNextSession(deps, actor, previousId, input),
  };
}

export type SessionManagement = ReturnType<typeof createSessionManagement>;
