import { staffOf } from '../../http/session-cookie';
import type { App } from '../../http/types';
import type { DocumentsService } from './service';

export function documentsRoutes(app: App, documents: DocumentsService): void {
  app.get('/document-templates', (request) => documents.listTemplates(staffOf(request)));
}
