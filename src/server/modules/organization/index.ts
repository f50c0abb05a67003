export { organizationRoutes } from './routes';
export { createOrganizationService } from './service';
export { createOrganizationOperator, type OrganizationOperator, type OrganizationSummary } from './operator';
export { hasAnyOrganization, insertOrganizationUnlessNamed } from './repo';
