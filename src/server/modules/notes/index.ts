export { notesRoutes } from './routes';
export { createNotesService } from './service';
