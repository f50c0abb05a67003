// Sessions: scheduling, the list and details, and Manage Session (one file per action).
export { type ContactChangeFollowUp, createContactChangeFollowUp } from './contact-change';
export { createSessionManagement, type SessionManagement } from './manage';
export { sessionManagementRoutes } from './manage-routes';
export { sessionsRoutes } from './routes';
export { createSessionsService, type SessionsService } from './service';
export { completeOverdueSessions, transitionSession } from './lifecycle';
