import { createHmac } from 'node:crypto';
import type { IceConfig } from '../../../shared/video';

export interface IceSettings {
  /** stun:/turn:/turns: URLs (ICE_SERVERS). */
  urls: string[];
  /** coturn's `static-auth-secret` (TURN_SECRET): credentials are minted from it, never stored. */
  turnSecret: string | null;
  transportPolicy: 'all' | 'relay';
}

/** Long enough for a visit (TURN allocations refresh with the same credentials), short enough to be worthless later. */
export const TURN_CREDENTIAL_TTL_SECONDS = 4 * 60 * 60;

/**
 * ICE servers for one joiner. TURN credentials follow the "TURN REST API" scheme coturn
 * verifies with `use-auth-secret`: the username is `<expiry epoch seconds>:<who>`, the password
 * base64(HMAC-SHA1(secret, username)). No static password ever reaches a browser.
 */
export function iceConfigFor(settings: IceSettings, who: string, now: Date): IceConfig {
  const expires = Math.floor(now.getTime() / 1000) + TURN_CREDENTIAL_TTL_SECONDS;
  const stun = settings.urls.filter((url) => url.startsWith('stun'));
  const turn = settings.urls.filter((url) => url.startsWith('turn'));
  const iceServers: IceConfig['iceServers'] = stun.length > 0 ? [{ urls: stun }] : [];
  if (turn.length > 0 && settings.turnSecret) {
    const username = `${expires}:${who}`;
    const credential = createHmac('sha1', settings.turnSecret).update(username).digest('base64');
    iceServers.push({ urls: turn, username, credential });
  }
  return { iceServers, iceTransportPolicy: settings.transportPolicy, expiresAt: new Date(expires * 1000).toISOString() };
}
