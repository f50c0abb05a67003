import { z } from 'zod';
import {
  accountUpdateSchema,
  changePasswordSchema,
  forgotPasswordSchema,
  passwordLinkSchema,
  setPasswordSchema,
  signInSummarySchema,
} from '../../../shared/account';
import { json, noContent, problems } from '../../http/responses';
import type { SignInCookie } from '../../http/sign-in-cookie';
import type { App } from '../../http/types';
import { hashToken, staffOf, unauthenticated } from '../auth';
import type { AccountService } from './account';
import type { PasswordFlows } from './passwords';

const tags = ['Auth'];

/** The staff member's own account: passwords by link or by change, time zone, sign-ins. */
export function accountRoutes(app: App, deps: { passwords: PasswordFlows; account: AccountService; cookie: SignInCookie }): void {
  const { passwords, account, cookie } = deps;
  /** The hash of the caller's own sign-in ("this device"). */
  const ownSignIn = (request: Parameters<SignInCookie['read']>[0]) => {
    const token = cookie.read(request);
    if (!token) throw unauthenticated();
    return hashToken(token);
  };

  // Tokens travel in bodies, never in URLs: URLs end up in logs and browser history.
  app.post(
    '/auth/password-link',
    {
      schema: {
        tags,
        summary: 'Whose account an invitation or reset link opens',
        security: [],
        body: z.object({ token: z.string().min(1).max(100) }),
        response: { 200: json(passwordLinkSchema), ...problems(400, 404) },
      },
    },
    async (request) => passwords.describeLink(request.body.token),
  );

  app.post(
    '/auth/set-password',
    {
      schema: {
        tags,
        summary: 'Choose a password through an invitation or reset link',
        description: 'The link works once. At least 12 characters, not a common password. Every sign-in of the account ends.',
        security: [],
        body: setPasswordSchema,
        response: { 204: noContent, ...problems(400, 404) },
      },
    },
    async (request, reply) => {
      await passwords.setWithLink(request.body.token, request.body.password);
      return reply.code(204).send();
    },
  );

  app.post(
    '/auth/forgot-password',
    {
      schema: {
        tags,
        summary: 'Email a password reset link',
        description: 'The same answer whether or not the account exists. The link works once, for 30 minutes. More than 5 requests in 15 minutes for one email or from one address answer 429.',
        security: [],
        body: forgotPasswordSchema,
        response: { 204: noContent, ...problems(400, 429) },
      },
    },
    async (request, reply) => {
      await passwords.requestReset(request.body.email, request.ip);
      return reply.code(204).send();
    },
  );

  app.post(
    '/account/password',
    {
      schema: {
        tags,
        summary: 'Change my password',
        description: 'The current password is required. My other sign-ins end; this one stays.',
        body: changePasswordSchema,
        response: { 204: noContent, ...problems(400, 401) },
      },
    },
    async (request, reply) => {
      await passwords.changeOwn(staffOf(request), ownSignIn(request), request.body.currentPassword, request.body.newPassword);
      return reply.code(204).send();
    },
  );

  app.patch(
    '/account',
    { schema: { tags, summary: 'Change my time zone', body: accountUpdateSchema, response: { 204: noContent, ...problems(400, 401) } } },
    async (request, reply) => {
      await account.changeTimeZone(staffOf(request), request.body.timeZone);
      return reply.code(204).send();
    },
  );

  app.get(
    '/account/sign-ins',
    { schema: { tags, summary: 'My active sign-ins', response: { 200: json(z.array(signInSummarySchema), 'Newest activity first'), ...problems(401) } } },
    async (request) => account.signIns(staffOf(request), ownSignIn(request)),
  );

  app.post(
    '/account/sign-ins/end-others',
    {
      schema: {
        tags,
        summary: 'Sign out everywhere else',
        response: { 200: json(z.object({ ended: z.number().int().nonnegative() }), 'How many sign-ins ended'), ...problems(401) },
      },
    },
    async (request) => ({ ended: await account.endOtherSignIns(staffOf(request), ownSignIn(request)) }),
  );
}
