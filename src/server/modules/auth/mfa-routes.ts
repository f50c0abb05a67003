import { z } from 'zod';
import { mfaChallengeSchema, mfaCodeSchema, mfaEnrolmentSchema, mfaStatusSchema, recoveryCodesSchema } from '../../../shared/mfa';
import { meSchema } from '../../../shared/users';
import { json, noContent, problems } from '../../http/responses';
import type { SignInCookie } from '../../http/sign-in-cookie';
import type { App } from '../../http/types';
import type { MfaService } from './mfa';
import { toMe } from './service';
import { signedInAt, staffOf } from './staff';

const tags = ['Auth'];

export function mfaRoutes(app: App, mfa: MfaService, cookie: SignInCookie, signInIdleMinutes: number): void {
  app.get(
    '/auth/mfa',
    { schema: { tags, summary: "The caller's second factor", response: { 200: json(mfaStatusSchema), ...problems(401) } } },
    (request) => mfa.status(signedInAt(request, null, 'enrol').actor),
  );

  app.post(
    '/auth/mfa/enrolment',
    {
      schema: {
        tags,
        summary: 'Start setting up an authenticator app',
        description: 'A new TOTP secret (SHA-1, 6 digits, 30 s); a repeated call replaces an unfinished one. 409 `mfa_enrolled` once set up.',
        response: { 200: json(mfaEnrolmentSchema), ...problems(401, 403, 409) },
      },
    },
    (request) => mfa.startEnrolment(signedInAt(request, null, 'enrol').actor),
  );

  app.post(
    '/auth/mfa/enrolment/confirm',
    {
      schema: {
        tags,
        summary: 'Finish setting up the authenticator app with a code from it',
        description: 'Answers ten recovery codes, shown this once. A wrong code is 401 `invalid_code`; too many, 429.',
        body: mfaCodeSchema,
        response: { 200: json(recoveryCodesSchema), ...problems(400, 401, 403, 429) },
      },
    },
    (request) => mfa.confirmEnrolment(signedInAt(request, null, 'enrol').actor, request.body.code, request.ip),
  );

  app.post(
    '/auth/mfa/challenge',
    {
      schema: {
        tags,
        summary: 'The second step of signing in: a code from the app, or a recovery code',
        description: 'Only for a sign-in waiting for its second factor (at most 5 minutes). Replaces the session cookie with a full sign-in. 5 wrong codes in 5 minutes per account or address answer 429.',
        body: mfaChallengeSchema,
        response: { 200: json(meSchema, 'Signed in: a new session cookie is set'), ...problems(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const signIn = signedInAt(request, 'challenge');
      const token = await mfa.challenge(signIn, request.body, { ip: request.ip, userAgent: request.headers['user-agent']?.slice(0, 300) ?? null });
      cookie.set(reply, token);
      return toMe(signIn.actor, signInIdleMinutes);
    },
  );

  app.post(
    '/auth/mfa/recovery-codes',
    {
      schema: {
        tags,
        summary: 'New recovery codes',
        description: 'Needs a current code from the app; the old recovery codes stop working.',
        body: mfaCodeSchema,
        response: { 200: json(recoveryCodesSchema), ...problems(400, 401, 403, 409, 429) },
      },
    },
    (request) => mfa.regenerateRecoveryCodes(staffOf(request), request.body.code, request.ip),
  );

  app.post(
    '/users/:id/mfa/reset',
    {
      schema: {
        tags: ['Users'],
        summary: "Remove a staff member's second factor",
        description: 'Administrators only, for a lost phone: the user signs in with their password and sets it up again. Ends all their sign-ins. 409 `mfa_not_enrolled` when they have none.',
        params: z.object({ id: z.uuid() }),
        response: { 204: noContent, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await mfa.reset(staffOf(request), request.params.id, request.ip);
      return reply.code(204).send();
    },
  );
}
