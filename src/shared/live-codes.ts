// No zod here: the participant's page reads the live channel without downloading the validators.

/** WebSocket close codes we use (RFC 6455 §7.4.1, and 4000–4999 for our own). */
export const CLOSE = {
  normal: 1000,
  goingAway: 1001,
  policy: 1008,
  tooBig: 1009,
  /** Access ended (signed out, removed, session canceled): do not reconnect. */
  accessEnded: 4403,
} as const;

/** Where a participant stands at the door of the call. */
export const ADMISSION_STATES = ['waiting', 'admitted', 'denied', 'removed'] as const;
export type AdmissionState = (typeof ADMISSION_STATES)[number];
