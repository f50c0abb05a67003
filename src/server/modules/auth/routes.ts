import { loginSchema } from '../../../shared/users';
import { type SessionCookie, staffOf } from '../../http/session-cookie';
import type { App } from '../../http/types';
import { type AuthService, toMe } from './service';

export function authRoutes(app: App, auth: AuthService, cookie: SessionCookie, sessionIdleMinutes: number): void {
  app.post('/auth/login', { schema: { body: loginSchema } }, async (request, reply) => {
    const { token, actor } = await auth.login({
      ...request.body,
      ip: request.ip,
      userAgent: request.headers['user-agent']?.slice(0, 300) ?? null,
    });
    cookie.set(reply, token);
    return toMe(actor, sessionIdleMinutes);
  });

  app.post('/auth/logout', async (request, reply) => {
    const token = cookie.read(request);
    if (token) await auth.logout(token);
    cookie.clear(reply);
    return reply.code(204).send();
  });

  app.get('/me', async (request) => toMe(staffOf(request), sessionIdleMinutes));
}
