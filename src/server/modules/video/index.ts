// The video call: a WebRTC mesh of up to six, signalled over the live channel between admitted
// members only; the door (waiting, admitted, denied, removed), ICE servers with short-lived TURN
// credentials, and the attendance it leaves in the history.
export type { IceSettings } from './ice';
export { videoLiveFeature } from './live';
export { videoRoutes } from './routes';
export { createVideoService } from './service';
