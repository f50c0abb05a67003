import { useState } from 'react';
import type { ChatScope } from '../live/chat-api';
import type { CallState } from './call-state';
import type { CallEngine, LiveLink } from './CallEngine';
import { createCallEngine } from './createCallEngine';
import { useCallState } from './useCallState';

/** A call with its engine: what the call's views and controls work with. */
export interface Call {
  readonly engine: CallEngine;
  readonly state: CallState;
}

/**
 * The page's video call on its live channel (from `useSessionLive`), for as long as the component
 * is mounted: the lobby at once, the call once joined; leaving the page leaves the call. The staff
 * session page's; the participant's page loads the engine on "Join" (`useCallOnJoin`).
 */
export function useCall(live: LiveLink, scope: ChatScope): Call {
  const [engine] = useState(() => createCallEngine(live, scope));
  return { engine, state: useCallState(engine) };
}
