import { useEffect, useState } from 'react';
import type { ChatScope } from '../live/chat-api';
import type { CallState } from './call-state';
import type { CallEngine, LiveLink } from './CallEngine';
import type { Call } from './useCall';
import { useCallState } from './useCallState';

/** The participant's call: its engine once loaded, `null` (and `idle`) before; `load` brings it. */
export type CallSlot = (Call | { readonly engine: null; readonly state: CallState }) & {
  /** Downloads and attaches the engine (once); rejects when its code cannot be downloaded, and may be tried again. */
  readonly load: () => Promise<CallEngine>;
};

interface Pending {
  readonly promise: Promise<CallEngine>;
  resolve(engine: CallEngine): void;
}

/**
 * The call as `useCall` has it, but its engine (WebRTC, negotiation, monitoring) downloads when
 * `load` is first called, on the participant's "Join": a participant who never joins never
 * downloads it. Until a call is joined there is nothing the engine would show them: the server
 * sends a participant video frames only once they ask to join.
 */
export function useCallOnJoin(live: LiveLink, scope: ChatScope): CallSlot {
  const [engine, setEngine] = useState<CallEngine | null>(null);
  const state = useCallState(engine);
  const [loader] = useState(() => {
    let pending: Pending | null = null;
    return {
      load(): Promise<CallEngine> {
        if (pending) return pending.promise;
        let resolve!: (engine: CallEngine) => void;
        let reject!: (error: unknown) => void;
        const promise = new Promise<CallEngine>((res, rej) => ((resolve = res), (reject = rej)));
        pending = { promise, resolve };
        import('./createCallEngine').then(
          (m) => setEngine(m.createCallEngine(live, scope)),
          (error: unknown) => {
            pending = null;
            reject(error);
          },
        );
        return promise;
      },
      /** After `useCallState` attached it: a join sent now hears its answer. */
      attached(created: CallEngine) {
        pending?.resolve(created);
      },
    };
  });
  useEffect(() => {
    if (engine) loader.attached(engine);
  }, [engine, loader]);
  const load = loader.load;
  return engine ? { engine, state, load } : { engine: null, state, load };
}
