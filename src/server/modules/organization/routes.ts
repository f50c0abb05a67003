import { updateOrganizationSchema } from '../../../shared/organization';
import { staffOf } from '../../http/session-cookie';
import type { App } from '../../http/types';
import type { OrganizationService } from './service';

export function organizationRoutes(app: App, organization: OrganizationService): void {
  app.get('/organization', (request) => organization.get(staffOf(request)));
  app.patch('/organization', { schema: { body: updateOrganizationSchema } }, (request) =>
    organization.update(staffOf(request), request.body),
  );
}
