export { organizationRoutes } from './routes';
export { createOrganizationService } from './service';
export { createOrganizationOperator, type OrganizationOperator, type OrganizationSummary } from './operator';
export { hasAnyOrganization, insertOrganizationUnlessNamed } from './repo';
export { createLogoService, loadLogo, type LogoService, organizationLogo } from './logo';
export { logoRoutes } from './logo-routes';
