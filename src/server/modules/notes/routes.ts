import { z } from 'zod';
import { noteSchema, sessionNoteSchema } from '../../../shared/session-management';
import { json, problems } from '../../http/responses';
import { staffOf } from '../auth';
import type { App } from '../../http/types';
import type { NotesService } from './service';
import { sessionRead } from '../audit';

const params = z.object({ id: z.uuid() });
const tags = ['Notes'];

export function notesRoutes(app: App, notes: NotesService): void {
  app.get(
    '/sessions/:id/notes',
    {
      config: { audit: sessionRead('note.read') },
      schema: {
        tags,
        summary: "A session's notes",
        description: 'For its host, dispatchers and administrators.',
        params,
        response: { 200: json(z.array(sessionNoteSchema), 'The notes, newest first'), ...problems(401, 404) },
      },
    },
    (request) => notes.list(staffOf(request), request.params.id),
  );
  app.post(
    '/sessions/:id/notes',
    {
      schema: {
        tags,
        summary: 'Write a note on a session',
        description: 'Notes are never edited: `amends` names the note a new one corrects.',
        params,
        body: noteSchema,
        response: { 201: json(sessionNoteSchema, 'The new note'), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.code(201).send(await notes.add(staffOf(request), request.params.id, request.body)),
  );
}
