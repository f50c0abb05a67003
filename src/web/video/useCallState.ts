import { useEffect, useSyncExternalStore } from 'react';
import { type CallState, IDLE_CALL } from './call-state';
import type { CallEngine } from './CallEngine';

const noSubscription = () => () => {};
const idle = () => IDLE_CALL;

/** Attaches the engine to its channel while mounted (the lobby at once, the call once joined) and follows its state; `idle` while there is no engine yet. */
export function useCallState(engine: CallEngine | null): CallState {
  useEffect(() => engine?.attach(), [engine]);
  return useSyncExternalStore(engine?.subscribe ?? noSubscription, engine?.getState ?? idle);
}
