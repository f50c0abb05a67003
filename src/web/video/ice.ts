import type { IceConfig } from '../../shared/video';

/** Ask again this long before the TURN credentials expire: a rejoin or an ICE restart must not start with stale ones. */
export const ICE_REFRESH_MARGIN_MS = 60_000;

/**
 * The call's STUN/TURN configuration, fetched once and again only when its credentials are about
 * to expire. A failed fetch is not kept: the next call asks again.
 */
export function iceSource(load: () => Promise<IceConfig>, now: () => number = Date.now): () => Promise<IceConfig> {
  let held: IceConfig | null = null;
  return async () => {
    if (held && Date.parse(held.expiresAt) - now() > ICE_REFRESH_MARGIN_MS) return held;
    held = await load();
    return held;
  };
}

/** The server's answer as the browser takes it. */
export const rtcConfiguration = (ice: IceConfig): RTCConfiguration => ({ iceServers: ice.iceServers, iceTransportPolicy: ice.iceTransportPolicy });
