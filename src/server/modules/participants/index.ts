export { findParticipants, searchTextOf } from './repo';
export { participantsRoutes } from './routes';
export { addToDirectory, type ContactChanged, createParticipantsService, ParticipantExists } from './service';
