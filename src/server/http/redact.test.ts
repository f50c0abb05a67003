import { describe, expect, it } from 'vitest';
import { redactUrl } from './redact';

describe('redactUrl', () => {
  it('masks join and calendar-feed tokens, and nothing else', () => {
    expect(redactUrl('/join/abcDEF123-_xyz?x=1')).toBe('/join/[redacted]?x=1');
    expect(redactUrl('/api/calendar/feed/abc_DEF-123.ics')).toBe('/api/calendar/feed/[redacted]');
    expect(redactUrl('/api/sessions/123')).toBe('/api/sessions/123');
  });
});
