import { z } from 'zod';
import { mfaPendingSchema } from '../../../shared/mfa';
import { loginSchema, meSchema } from '../../../shared/users';
import { json, noContent, problems } from '../../http/responses';
import type { SignInCookie } from '../../http/sign-in-cookie';
import { staffOf } from './staff';
import type { App } from '../../http/types';
import { type AuthService, toMe } from './service';

const tags = ['Auth'];

export function authRoutes(app: App, auth: AuthService, cookie: SignInCookie, signInIdleMinutes: number): void {
  app.post(
    '/auth/login',
    {
      schema: {
        tags,
        summary: 'Sign in with email and password',
        description:
          'Sets the staff session cookie. More than 10 failed tries a minute for one account or from one address answer 429. With two-step sign-in (or an organization requiring it) the answer is `{mfaStep}` and the cookie reaches only that step.',
        security: [],
        body: loginSchema,
        response: { 200: json(z.union([meSchema, mfaPendingSchema]), 'Signed in (or held at an MFA step): the session cookie is set'), ...problems(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const { token, actor, gate } = await auth.login({
        ...request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent']?.slice(0, 300) ?? null,
      });
      cookie.set(reply, token);
      return gate ? { mfaStep: gate } : toMe(actor, signInIdleMinutes);
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags, summary: 'Sign out', description: 'Ends the sign-in, if any, and clears its cookie.', security: [], response: { 204: noContent, ...problems(403) } } },
    async (request, reply) => {
      const token = cookie.read(request);
      if (token) await auth.logout(token);
      cookie.clear(reply);
      return reply.code(204).send();
    },
  );

  app.get(
    '/me',
    {
      schema: {
        tags,
        summary: 'The signed-in staff member',
        description:
          'Without a sign-in: 401, or with `optional=true` 200 and `null`. The web app asks with `optional=true` on every load, where not being signed in is expected and must not show as a failed request.',
        querystring: z.object({ optional: z.enum(['true']).optional() }),
        response: { 200: json(meSchema.nullable(), 'The signed-in staff member; null only with optional=true'), ...problems(401) },
      },
    },
    async (request) => (!request.actor && request.query.optional ? null : toMe(staffOf(request), signInIdleMinutes)),
  );
}
