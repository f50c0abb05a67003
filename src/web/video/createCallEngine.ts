import type { IceConfig } from '../../shared/video';
import { api } from '../api/client';
import type { ChatScope } from '../live/chat-api';
import { CallEngine, type LiveLink } from './CallEngine';
import { iceSource } from './ice';
import { openMedia } from './local-media';

/** Where the call's ICE configuration comes from: the session's (staff) or the participant's own. */
const icePath = (scope: ChatScope) => (scope.kind === 'staff' ? `/sessions/${encodeURIComponent(scope.sessionId)}/video/ice` : '/portal/video/ice');

async function openCamera(cameraId: string | null) {
  const { stream } = await openMedia({ camera: true, microphone: false, cameraId });
  return stream.getVideoTracks()[0] ?? null;
}

/** The page's call engine on its live channel, with the ICE configuration of its scope. */
export function createCallEngine(live: LiveLink, scope: ChatScope): CallEngine {
  return new CallEngine({ live, iceConfig: iceSource(() => api<IceConfig>(icePath(scope))), openCamera });
}
