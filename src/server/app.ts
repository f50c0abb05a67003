import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
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
import { authRoutes } from './modules/auth/routes';
import { createAuthService } from './modules/auth/service';
import { healthRoutes } from './modules/health/routes';
import { usersRoutes } from './modules/users/routes';
import { createUsersService } from './modules/users/service';

export interface AppDeps {
  config: Config;
  database: DatabaseHandle;
  clock: Clock;
  logger?: FastifyServerOptions['logger'];
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
  registerProblemHandlers(app);
  registerSecurity(app, config);

  const db = database.db;
  const cookie = createSessionCookie(config);
  const auth = createAuthService({ db, clock, sessionIdleMinutes: config.sessionIdleMinutes });
  const users = createUsersService({ db, clock });

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
    },
    { prefix: '/api' },
  );

  await registerWeb(app, deps.webRoot ?? DEFAULT_WEB_ROOT);
  return app;
}
