export { type AuditEvent, appendAuditEvents, recordAudit } from './repo';
export { type AuditBatcher, createAuditBatcher } from './batcher';
export { type AuditChainReport, verifyAuditChain } from './verify';
export { listRead, noteAuditSubject, noteAuditVisitor, participantRead, portalRead, type ReadAudit, registerReadAudit, sessionRead } from './reads';
