import { organizationSettingsSchema, updateOrganizationSchema } from '../../../shared/organization';
import { json, problems } from '../../http/responses';
import { staffOf } from '../auth';
import type { App } from '../../http/types';
import type { OrganizationService } from './service';

const tags = ['Organization'];

export function organizationRoutes(app: App, organization: OrganizationService): void {
  app.get(
    '/organization',
    { schema: { tags, summary: "The organization's settings", response: { 200: json(organizationSettingsSchema), ...problems(401) } } },
    (request) => organization.get(staffOf(request)),
  );
  app.patch(
    '/organization',
    {
      schema: {
        tags,
        summary: "Change the organization's settings",
        description: 'Administrators only.',
        body: updateOrganizationSchema,
        response: { 200: json(organizationSettingsSchema, 'The settings as saved'), ...problems(400, 401, 403) },
      },
    },
    (request) => organization.update(staffOf(request), request.body),
  );
}
