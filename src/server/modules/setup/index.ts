// First run: the one-time setup link, /setup, and creating an organization with its first administrator (also `org create`).
export { setupRoutes } from './routes';
export { createOrganizationWithAdmin, createSetupService, issueSetupLink } from './service';
