// Document templates, their assignment to sessions, completion and signed PDFs.
export { type DocumentAssignment, documentAssignments } from './assignment';
export { assignedTemplates, dropPendingDocuments, insertSessionDocuments, moveHostDocuments, sessionDocumentsWrite, unassignTemplates } from './assignment-repo';
export { createDocumentCompletion, type DocumentCompletion } from './completion';
export { assignableTemplatesQuery, replaceServiceDefaults } from './repo';
export { documentsRoutes } from './routes';
export { checkTemplates, createDocumentsService, requireTemplates } from './service';
