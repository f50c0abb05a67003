// The participant's side: join links (minted, expired, exchanged for a cookie) and their page.
export { JOIN_GRACE_MS, mintJoinLink, moveLinkExpiry, revokeParticipantLinks } from './links';
export { portalRoutes } from './routes';
export { createPortalService } from './service';
export { portalVisitorOf } from './visitor';
