/** Request URLs as logs may keep them: the secret tokens of join links and calendar feeds masked. */
export const redactUrl = (url: string) =>
  url.replace(/\/join\/[^/?#]+/, '/join/[redacted]').replace(/\/calendar\/feed\/[^/?#]+/, '/calendar/feed/[redacted]');
