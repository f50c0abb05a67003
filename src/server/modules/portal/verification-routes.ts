import { codeSentSchema, portalVerificationSchema, verifyParticipantSchema } from '../../../shared/portal';
import { DomainError } from '../../errors';
import type { FastifyRequest } from 'fastify';
import { json, noContent, problems } from '../../http/responses';
import type { SignInCookie } from '../../http/sign-in-cookie';
import type { App } from '../../http/types';
import type { Verification } from './verification';

const tags = ['Portal'];
const security = [{ participantSession: [] }];

/** "Who is joining": the only portal routes a visit that has yet to confirm may reach. */
export function verificationRoutes(app: App, verification: Verification, cookie: SignInCookie): void {
  const tokenOf = (request: FastifyRequest) => {
    const token = cookie.read(request);
    if (!token) throw new DomainError('unauthenticated', 'unauthenticated', 'Open the link from your invitation again');
    return token;
  };

  app.get('/portal/verification', {
    schema: {
      tags,
      summary: 'What to confirm before the page opens',
      description: "The clinic's name and whether this visit must confirm a date of birth or a one-time code; nothing about the session.",
      security,
      response: { 200: json(portalVerificationSchema), ...problems(401) },
    },
  }, (request) => verification.status(tokenOf(request)));

  app.post('/portal/verification/code', {
    schema: {
      tags,
      summary: 'Send a one-time code',
      description: 'To the email or phone the clinic has for the participant; it works once, for 10 minutes. At most one a minute and five an hour (429 with Retry-After); 409 `no_contact` when the record has neither.',
      security,
      response: { 202: json(codeSentSchema), ...problems(401, 409, 429) },
    },
  }, async (request, reply) => reply.code(202).send(await verification.sendCode(tokenOf(request), request.ip)));

  app.post('/portal/verification', {
    schema: {
      tags,
      summary: 'Confirm who is joining',
      description:
        'With `dateOfBirth` (`YYYY-MM-DD`) or the six-digit `code`. A wrong answer is 422 `verification_failed` with `attemptsLeft`; after 5 wrong answers in 15 minutes, 429 with Retry-After. Confirming opens the page for this browser only.',
      security,
      body: verifyParticipantSchema,
      response: { 204: noContent, ...problems(400, 401, 409, 422, 429) },
    },
  }, async (request, reply) => {
    await verification.verify(tokenOf(request), request.body, request.ip);
    return reply.code(204).send();
  });
}
