export { type AuditEvent, recordAudit } from './repo';
