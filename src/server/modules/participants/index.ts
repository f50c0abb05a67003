export { findParticipants, participantsQuery, searchTextOf, toParticipant } from './repo';
export { participantsRoutes } from './routes';
export { addToDirectory, type ContactChanged, createParticipantsService, ParticipantExists } from './service';
