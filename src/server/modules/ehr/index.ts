// The EHR: the organization's connection (SMART Backend Services with Carebeam's own signing keys,
// encrypted at rest), the FHIR mapper (the only code that knows FHIR shapes) and sending sessions
// as FHIR R4 transaction Bundles through an outbox with a log of every attempt.
export { createEhrConnectionService } from './connection';
export { claimDueExports, completedSessionsToSend, insertExport } from './export-repo';
export { createEhrExports, type EhrExports } from './exports';
export { createEhrGateway } from './gateway';
export { ehrRoutes, jwksRoute } from './routes';
