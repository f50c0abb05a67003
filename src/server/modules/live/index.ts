// The live channel: one WebSocket per open session page (and one per signed-in staff member),
// authorized at the upgrade, fed by LISTEN/NOTIFY so any instance's events reach every socket.
// Features (chat; video and readings next) ride on it through `LiveFeature`.
export { createLiveHub, type LiveHub, PRESENCE_STALE_MS } from './hub';
export { callMembers, connectedMembers, setInCall, setMedia, takeOutOfCall } from './presence-repo';
export { liveRoutes } from './routes';
export type { LiveFeature, LiveMember, SessionClient, StaffClient } from './types';
