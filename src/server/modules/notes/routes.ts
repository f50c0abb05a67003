import { z } from 'zod';
import { noteSchema } from '../../../shared/session-management';
import { staffOf } from '../../http/session-cookie';
import type { App } from '../../http/types';
import type { NotesService } from './service';

const params = z.object({ id: z.uuid() });

export function notesRoutes(app: App, notes: NotesService): void {
  app.get('/sessions/:id/notes', { schema: { params } }, (request) => notes.list(staffOf(request), request.params.id));
  app.post('/sessions/:id/notes', { schema: { params, body: noteSchema } }, async (request, reply) =>
    reply.code(201).send(await notes.add(staffOf(request), request.params.id, request.body)),
  );
}
