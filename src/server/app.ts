import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Clock } from './clock';
import type { Config } from './config';
import type { DatabaseHandle } from './db/connect';
import { registerProblemHandlers } from './http/problem';
import { registerSecurity } from './http/security';
import { createSessionCookie } from './http/session-cookie';
import type { App } from './http/types';
import { registerWeb } from './http/web';
import { addressOf } from './messaging/address';
import { availabilityRoutes } from './modules/availability/routes';
import { createAvailabilityService } from './modules/availability/service';
import { authRoutes } from './modules/auth/routes';
import { createAuthService } from './modules/auth/service';
import { createCalendarFeed } from './modules/calendar/feed';
import { calendarRoutes } from './modules/calendar/routes';
import { catalogRoutes } from './modules/catalog/routes';
import { createCatalogService } from './modules/catalog/service';
import { createDocumentCompletion } from './modules/documents/completion';
import { documentsRoutes } from './modules/documents/routes';
import { createDocumentsService } from './modules/documents/service';
import { healthRoutes } from './modules/health/routes';
import { invitationsRoutes } from './modules/invitations/routes';
import { createInvitationsService } from './modules/invitations/service';
import { organizationRoutes } from './modules/organization/routes';
import { createOrganizationService } from './modules/organization/service';
import { participantsRoutes } from './modules/participants/routes';
import { portalRoutes } from './modules/portal/routes';
import { createPortalService } from './modules/portal/service';
import { createParticipantsService } from './modules/participants/service';
import { sessionsRoutes } from './modules/sessions/routes';
import { createSessionManagement } from './modules/sessions/manage';
import { sessionManagementRoutes } from './modules/sessions/manage-routes';
import { createSessionsService } from './modules/sessions/service';
import { notesRoutes } from './modules/notes/routes';
import { createNotesService } from './modules/notes/service';
import { usersRoutes } from './modules/users/routes';
import { createUsersService } from './modules/users/service';
import type { FileStore } from './storage/file-store';
import { workHoursRoutes } from './modules/work-hours/routes';
import { createWorkHoursService } from './modules/work-hours/service';

export interface AppDeps {
  config: Config;
  database: DatabaseHandle;
  clock: Clock;
  logger?: FastifyServerOptions['logger'];
  /** Uploaded files (PDF documents). */
  storage: FileStore;
  /** Where the built SPA lives; defaults to dist/web. */
  webRoot?: string;
}

const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../dist/web', import.meta.url));

/** Builds the whole HTTP application from its dependencies; reads no environment. */
export async function buildApp(deps: AppDeps): Promise<App> {
  const { config, database, clock } = deps;
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(fastifyCookie);
  // Only the PDF upload route reads multipart; its size limit is set there.
  await app.register(fastifyMultipart, { limits: { files: 1, fields: 10, fieldSize: 10_000 } });
  registerProblemHandlers(app);
  registerSecurity(app, config);

  const db = database.db;
  const cookie = createSessionCookie(config);
  const auth = createAuthService({ db, clock, sessionIdleMinutes: config.sessionIdleMinutes });
  const users = createUsersService({ db, clock });
  const organization = createOrganizationService({ db, clock });
  const catalog = createCatalogService({ db, clock });
  const workHours = createWorkHoursService({ db, clock });
  const availability = createAvailabilityService({ db, clock });
  const participants = createParticipantsService({ db, clock });
  const documents = createDocumentsService({ db, clock, storage: deps.storage });
  const completion = createDocumentCompletion({ db, clock, storage: deps.storage });
  const organizerEmail = addressOf(config.mail.from);
  const sessions = createSessionsService({ db, clock, organizerEmail });
  const management = createSessionManagement({ db, clock, organizerEmail });
  const notes = createNotesService({ db, clock });
  const invitations = createInvitationsService({ db, clock, publicUrl: config.publicUrl, organizerEmail });
  const feed = createCalendarFeed({ db, clock, publicUrl: config.publicUrl });
  const portal = createPortalService({ db, clock });
  const portalCookie = createSessionCookie(config, 'carebeam_participant');

  app.decorateRequest('actor', null);
  await app.register(
    async (api: App) => {
      api.addHook('onRequest', async (request) => {
        const token = cookie.read(request);
        request.actor = token ? await auth.authenticate(token) : null;
      });
      healthRoutes(api, database);
      authRoutes(api, auth, cookie, config.sessionIdleMinutes);
      usersRoutes(api, users);
      organizationRoutes(api, organization);
      catalogRoutes(api, catalog);
      workHoursRoutes(api, workHours);
      availabilityRoutes(api, availability);
      participantsRoutes(api, participants);
      documentsRoutes(api, documents, completion);
      sessionsRoutes(api, sessions);
      sessionManagementRoutes(api, management, sessions);
      notesRoutes(api, notes);
      calendarRoutes(api, sessions, feed, config, clock);
      invitationsRoutes(api, invitations);
      portalRoutes(api, portal, portalCookie, completion, config, clock);
    },
    { prefix: '/api' },
  );

  await registerWeb(app, deps.webRoot ?? DEFAULT_WEB_ROOT);
  return app;
}
