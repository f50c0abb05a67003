import { z } from 'zod';
import { createUserSchema, roleSchema, updateUserSchema } from '../../../shared/users';
import { staffOf } from '../../http/session-cookie';
import type { App } from '../../http/types';
import type { UsersService } from './service';

const listQuery = z.object({
  role: roleSchema.optional(),
  includeDeactivated: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});

export function usersRoutes(app: App, users: UsersService): void {
  app.get('/users', { schema: { querystring: listQuery } }, async (request) =>
    users.list(staffOf(request), request.query),
  );

  app.post('/users', { schema: { body: createUserSchema } }, async (request, reply) => {
    const user = await users.create(staffOf(request), request.body);
    return reply.code(201).send(user);
  });

  app.patch(
    '/users/:id',
    { schema: { params: z.object({ id: z.uuid() }), body: updateUserSchema } },
    async (request) => users.update(staffOf(request), request.params.id, request.body),
  );
}
