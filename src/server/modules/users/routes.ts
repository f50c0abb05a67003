import { z } from 'zod';
import { createUserSchema, roleSchema, staffUserSchema, updateUserSchema } from '../../../shared/users';
import { json, problems } from '../../http/responses';
import { staffOf } from '../auth';
import type { App } from '../../http/types';
import type { UsersService } from './service';

const listQuery = z.object({
  role: roleSchema.optional(),
  includeDeactivated: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
const tags = ['Users'];

export function usersRoutes(app: App, users: UsersService): void {
  app.get(
    '/users',
    {
      schema: {
        tags,
        summary: 'List staff users',
        description: 'For dispatchers and administrators; only administrators see deactivated users.',
        querystring: listQuery,
        response: { 200: json(z.array(staffUserSchema), 'The staff users'), ...problems(400, 401, 403) },
      },
    },
    async (request) => users.list(staffOf(request), request.query),
  );

  app.post(
    '/users',
    {
      schema: {
        tags,
        summary: 'Invite a staff user',
        description: 'Administrators only. The user gets an email with a link (72 hours, single use) to choose their own password.',
        body: createUserSchema,
        response: { 201: json(staffUserSchema, 'The new user'), ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const user = await users.create(staffOf(request), request.body);
      return reply.code(201).send(user);
    },
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        tags,
        summary: 'Change a staff user',
        description: 'Administrators only. Deactivating a user ends their sign-ins and password links.',
        params: z.object({ id: z.uuid() }),
        body: updateUserSchema,
        response: { 200: json(staffUserSchema, 'The user as saved'), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => users.update(staffOf(request), request.params.id, request.body),
  );

  app.post(
    '/users/:id/invitation',
    {
      schema: {
        tags,
        summary: 'Resend an invitation',
        description: 'Administrators only; for a user who has not chosen a password yet. The earlier link stops working.',
        params: z.object({ id: z.uuid() }),
        response: { 200: json(staffUserSchema, 'The user'), ...problems(401, 403, 404, 409) },
      },
    },
    async (request) => users.resendInvitation(staffOf(request), request.params.id),
  );

  app.delete(
    '/users/:id/invitation',
    {
      schema: {
        tags,
        summary: 'Revoke an invitation',
        description: 'Administrators only. The emailed link stops working; the user stays until deactivated or invited again.',
        params: z.object({ id: z.uuid() }),
        response: { 200: json(staffUserSchema, 'The user'), ...problems(401, 403, 404, 409) },
      },
    },
    async (request) => users.revokeInvitation(staffOf(request), request.params.id),
  );
}
