// The access policy every module calls. It has a module of its own (depending on nothing but
// the database and the caller's identity) so documents, notes, chat, video and the portal can use
// it without importing the sessions module, which itself depends on several of them.
export { type ParticipantAction, requireParticipantAccess, requireSessionAccess, seesSession, type SessionAction, type SessionRow } from './session-access';
export { requireParticipantRecordAccess } from './participant-access';
export { sessionParticipantIds } from './session-participants';
