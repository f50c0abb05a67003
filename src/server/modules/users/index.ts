export { accountRoutes } from './account-routes';
export { createAccountService } from './account';
export { createPasswordFlows } from './passwords';
export { findUser, insertAdministrator, setCalendarFeedTokenHash } from './repo';
export { usersRoutes } from './routes';
export { createUsersService } from './service';
export type { Invitee } from './invitations';
