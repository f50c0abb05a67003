// The Audit page's side of the trail: searching and exporting what the audit module records.
export { auditLogRoutes } from './routes';
export { type AuditLog, createAuditLog } from './service';
