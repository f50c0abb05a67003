import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import packageJson from '../../package.json' with { type: 'json' };
import { MAX_FRAME_BYTES } from '../shared/live';
import { type BackupDirectory, serverBackups } from './backup/directory';
import type { Clock } from './clock';
import type { Config } from './config';
import type { DatabaseHandle } from './db/connect';
import { DomainError } from './errors';
import { registerCompression } from './http/compression';
import { registerMetrics } from './http/metrics';
import { registerOpenApi } from './http/openapi';
import { answerFrameworkError, registerProblemHandlers } from './http/problem';
import { registerSecurity } from './http/security';
import { registerTextGuard } from './http/text-guard';
import { createSignInCookie } from './http/sign-in-cookie';
import type { App } from './http/types';
import { registerWeb } from './http/web';
import { type AuditBatcher, createAuditBatcher, registerReadAudit } from './modules/audit';
import { auditLogRoutes, createAuditLog } from './modules/audit-log';
import { authRoutes, createAuthService, createMfaService, mfaRoutes, requireMfaStepRoute } from './modules/auth';
import { backupsRoutes, createBackupsService } from './modules/backups';
import { availabilityRoutes, createAvailabilityService } from './modules/availability';
import { calendarRoutes, createCalendarFeed } from './modules/calendar';
import { catalogRoutes, createCatalogService } from './modules/catalog';
import { chatLiveFeature, chatRoutes, createChatService } from './modules/chat';
import { createDocumentCompletion, createDocumentsService, documentsRoutes } from './modules/documents';
import { createEhrConnectionService, createEhrExports, createEhrGateway, ehrRoutes, jwksRoute } from './modules/ehr';
import { healthRoutes } from './modules/health';
import { createLiveHub, liveRoutes } from './modules/live';
import { cartRoutes, createCartsService, createImagesService, createReadingsService, medcartLiveFeature, medcartRoutes } from './modules/medcart';
import { addressOf, createMessagingService, deliveryBacklog, messagingRoutes, sendPasswordLink } from './modules/messaging';
import { createNotesService, notesRoutes } from './modules/notes';
import { createLogoService, createOrganizationService, logoRoutes, organizationRoutes } from './modules/organization';
import { createParticipantsService, participantsRoutes } from './modules/participants';
import { createPortalService, portalRoutes, portalVisitorOf } from './modules/portal';
import { createContactChangeFollowUp, createSessionManagement, createSessionsService, sessionManagementRoutes, sessionsRoutes } from './modules/sessions';
import { accountRoutes, createAccountService, createPasswordFlows, createUsersService, usersRoutes } from './modules/users';
import { createSetupService, setupRoutes } from './modules/setup';
import { createVideoService, videoLiveFeature, videoRoutes } from './modules/video';
import { createWorkHoursService, workHoursRoutes } from './modules/work-hours';
import type { FileStore } from './storage/file-store';

export interface AppDeps {
  config: Config;
  database: DatabaseHandle;
  clock: Clock;
  logger?: FastifyServerOptions['logger'];
  /** Uploaded files (PDF documents). */
  storage: FileStore;
  /** Where the built SPA lives; defaults to dist/web. */
  webRoot?: string;
  /** Each request to an EHR gives up after this long; 30 s unless a test wants less. */
  ehrTimeoutMs?: number;
  /** The server's backups (shared with the schedule); made from the configuration when absent. */
  backups?: BackupDirectory | null;
  /** Reads of PHI are audited unless this is false: only the benchmark turns it off, to measure its cost. */
  auditReads?: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Queues the audit events of reads; tests flush it to see them. */
    auditBatcher: AuditBatcher;
  }
}

export const EHR_TIMEOUT_MS = 30_000;

const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../dist/web', import.meta.url));

/** Builds the whole HTTP application from its dependencies; reads no environment. */
export async function buildApp(deps: AppDeps): Promise<App> {
  const { config, database, clock } = deps;
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: 1024 * 1024,
    // While closing, a request on a connection already open is still answered, with Connection:
    // close (the database stays open until the last one is done); a 503 would fail a client for
    // nothing (faults/sigterm-under-load.test.ts).
    return503OnClosing: false,
    // Off unless TRUST_PROXY names the proxies: otherwise anyone could pick their address.
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
    forceCloseConnections: 'idle',
    frameworkErrors: answerFrameworkError,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Before any route: the compression hook attaches to routes as they are added.
  await registerCompression(app);
  await app.register(fastifyCookie);
  // Only the PDF upload route reads multipart; its size limit is set there.
  await app.register(fastifyMultipart, { limits: { files: 1, fields: 10, fieldSize: 10_000 } });
  // Frames over 64 KB close the socket with 1009 before they are read.
  await app.register(fastifyWebsocket, { options: { maxPayload: MAX_FRAME_BYTES } });
  registerProblemHandlers(app);
  registerTextGuard(app);
  registerSecurity(app, config);
  // Before the routes, so its timing hook covers every one of them.
  registerMetrics(app, {
    token: config.metricsToken,
    backlog: () => deliveryBacklog(database.db, clock.now()),
    liveConnections: () => live.connections(),
  });

  const db = database.db;
  const cookie = createSignInCookie(config);
  const auth = createAuthService({ db, clock, signInIdleMinutes: config.signInIdleMinutes });
  const users = createUsersService({ db, clock, sendPasswordLink });
  const organization = createOrganizationService({ db, clock });
  const catalog = createCatalogService({ db, clock });
  const workHours = createWorkHoursService({ db, clock });
  const availability = createAvailabilityService({ db, clock });
  const organizerEmail = addressOf(config.mail.from);
  const participants = createParticipantsService({ db, clock, contactChanged: createContactChangeFollowUp({ clock, organizerEmail }) });
  const documents = createDocumentsService({ db, clock, storage: deps.storage });
  const completion = createDocumentCompletion({ db, clock, storage: deps.storage });
  const sessions = createSessionsService({ db, clock, organizerEmail, publicUrl: config.publicUrl });
  const management = createSessionManagement({ db, clock, organizerEmail });
  const notes = createNotesService({ db, clock });
  const messaging = createMessagingService({ db, clock, publicUrl: config.publicUrl, organizerEmail });
  const feed = createCalendarFeed({ db, clock, publicUrl: config.publicUrl });
  const portal = createPortalService({ db, clock, publicUrl: config.publicUrl });
  const portalCookie = createSignInCookie(config, 'carebeam_participant');
  const chat = createChatService({ db, clock, storage: deps.storage, organizerEmail });
  const visitorOf = portalVisitorOf(portal, portalCookie);
  const video = createVideoService({ db, clock, ice: config.ice });
  const readings = createReadingsService({ db, clock });
  const carts = createCartsService({ db, clock, readingsPerMinute: config.cartReadingsPerMinute });
  const images = createImagesService({ db, clock, storage: deps.storage });
  const ehrGateway = createEhrGateway({ db, clock, keySecret: config.ehrKeySecret, timeoutMs: deps.ehrTimeoutMs ?? EHR_TIMEOUT_MS });
  const ehrConnection = createEhrConnectionService({ db, clock, gateway: ehrGateway, keySecret: config.ehrKeySecret, publicUrl: config.publicUrl });
  const ehrExports = createEhrExports({ db, clock, storage: deps.storage, gateway: ehrGateway, signedDocuments: completion.signedDocuments });
  await registerOpenApi(app, { staffCookie: cookie.name, participantCookie: portalCookie.name, version: packageJson.version });

  // Reads are audited after their answer, in batches; the app's close writes what is queued (after
  // the live hub's, whose chat history reads it records too).
  const auditBatcher = createAuditBatcher({ db, logger: app.log });
  const auditReads = deps.auditReads !== false;

  const live = createLiveHub({
    database,
    clock,
    features: [
      chatLiveFeature({ db, audit: auditReads ? auditBatcher : null, now: () => clock.now() }),
      medcartLiveFeature({ db }),
      videoLiveFeature({
        db,
        clock,
        // The host joining the call starts the session; already started by someone else is fine.
        startSession: async (client) => {
          if (client.identity.kind !== 'staff') return;
          await management.transition(client.identity.actor, client.sessionId, 'start').catch((error: unknown) => {
            if (!(error instanceof DomainError && error.kind === 'conflict')) throw error;
          });
        },
      }),
    ],
    authenticate: (token) => auth.authenticate(token, { touch: false }),
    visitor: (token) => portal.visitor(token),
    onError: (error, context) => app.log.error({ err: error }, `${context} failed`),
  });
  await live.start();
  app.addHook('onClose', () => live.close());

  app.decorate('auditBatcher', auditBatcher);
  app.addHook('onClose', async () => auditBatcher.close());

  app.decorateRequest('actor', null);
  app.decorateRequest('signIn', null);
  await app.register(
    async (api: App) => {
      if (auditReads) registerReadAudit(api, auditBatcher, () => clock.now());
      api.addHook('onRequest', async (request) => {
        const token = cookie.read(request);
        request.signIn = token ? await auth.resolve(token) : null;
        request.actor = request.signIn && !request.signIn.gate ? request.signIn.actor : null;
        // A sign-in held at an MFA step reaches that step and nothing else.
        requireMfaStepRoute(request);
      });
      healthRoutes(api, { database, listening: () => live.listening() });
      authRoutes(api, auth, cookie, config.signInIdleMinutes);
      mfaRoutes(api, createMfaService({ db, clock, auth }), cookie, config.signInIdleMinutes);
      usersRoutes(api, users);
      accountRoutes(api, { passwords: createPasswordFlows({ db, clock, sendPasswordLink }), account: createAccountService({ db, clock }), cookie });
      organizationRoutes(api, organization);
      backupsRoutes(api, createBackupsService({ db, clock, directory: deps.backups === undefined ? serverBackups(config, database, clock) : deps.backups, schedule: config.backups }));
      logoRoutes(api, createLogoService({ db, clock, storage: deps.storage }), async (request) => request.actor?.organizationId ?? (await visitorOf(request)).organizationId);
      setupRoutes(api, createSetupService({ db, clock }));
      catalogRoutes(api, catalog);
      workHoursRoutes(api, workHours);
      availabilityRoutes(api, availability);
      participantsRoutes(api, participants);
      documentsRoutes(api, documents, completion);
      sessionsRoutes(api, sessions);
      sessionManagementRoutes(api, management, sessions);
      notesRoutes(api, notes);
      calendarRoutes(api, feed);
      messagingRoutes(api, messaging);
      auditLogRoutes(api, createAuditLog({ db, clock }));
      portalRoutes(api, portal, portalCookie, completion);
      chatRoutes(api, chat, async (request) => ({ kind: 'participant', visitor: await visitorOf(request) }));
      videoRoutes(api, video, visitorOf);
      medcartRoutes(api, { readings, carts, images });
      cartRoutes(api, { carts, readings });
      ehrRoutes(api, { connection: ehrConnection, exports: ehrExports });
      liveRoutes(api, {
        hub: live,
        db,
        config,
        signInCookie: cookie,
        portalCookie,
        portal: { visitor: (token) => portal.visitor(token), participantName: async (visitor) => (await portal.view(visitor)).participant.name },
      });
    },
    { prefix: '/api' },
  );

  jwksRoute(app, ehrConnection);
  await registerWeb(app, deps.webRoot ?? DEFAULT_WEB_ROOT);
  return app;
}
