import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { calendarFile } from './ics';

// Whatever a stored name holds (an organization renamed before control characters were refused,
// a participant imported), an .ics file keeps it inside its own property: CR/LF never starts a new
// line, and TEXT is escaped (RFC 5545 3.3.11) and folded (3.1).
const HOSTILE = 'Harbor\r\nATTENDEE:mailto:spy@evil.test\r\nX-EVIL;A=1:b, c; d\\e';

const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');
const lines = (ics: string) => unfold(ics).split('\r\n');

describe('calendarFile', () => {
  const ics = calendarFile({
    name: HOSTILE,
    method: 'request',
    stamp: new Date('2026-03-02T15:00:00Z'),
    events: [
      {
        sessionId: '00000000-0000-4000-8000-000000000001',
        version: 1,
        start: '2026-03-03T15:00:00Z',
        end: '2026-03-03T15:30:00Z',
        summary: HOSTILE,
        description: `${HOSTILE}\nsecond line`,
        canceled: false,
        organizer: { name: HOSTILE, email: 'care@clinic.test' },
        attendee: { name: 'Pat "Quote"\r\nATTENDEE:mailto:x@evil.test', email: 'pat@example.test' },
      },
    ],
  });

  it('adds no property through a name: one ATTENDEE, no X-EVIL', () => {
    expect(lines(ics).filter((line) => /^ATTENDEE[;:]/.test(line))).toHaveLength(1);
    expect(lines(ics).some((line) => line.startsWith('X-EVIL'))).toBe(false);
    expect(ics).not.toMatch(/[^\r]\n|\r[^\n]/);
  });

  it('escapes the calendar name as TEXT in NAME and X-WR-CALNAME', () => {
    const escaped = 'Harbor\\nATTENDEE:mailto:spy@evil.test\\nX-EVIL\\;A=1:b\\, c\\; d\\\\e';
    expect(lines(ics)).toContain(`NAME:${escaped}`);
    expect(lines(ics)).toContain(`X-WR-CALNAME:${escaped}`);
  });

  it('keeps parameter values quoted without quotes or line breaks inside', () => {
    const attendee = lines(ics).find((line) => line.startsWith('ATTENDEE'))!;
    expect(attendee).toMatch(/CN="Pat 'Quote' ATTENDEE:mailto:x@evil.test"/);
  });

  it('folds every line at 75 octets', () => {
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });
});

describe('calendarFile, written by hand', () => {
  const event = {
    sessionId: '00000000-0000-4000-8000-000000000002',
    version: 3,
    start: '2026-03-03T15:00:00.250Z',
    end: '2026-03-03T16:00:00Z',
    summary: 'Ünïcödé ✓ 😀 '.repeat(12),
    description: `Open: https://clinic.test/sessions/2 ${'😀'.repeat(40)}`,
    url: 'https://clinic.test/join/abc?a=1,b;c',
    canceled: false,
  };
  const ics = calendarFile({ name: 'Clinic · Carebeam', method: 'publish', stamp: new Date('2026-03-02T15:00:00.999Z'), events: [event] });

  it('reads back in a calendar parser exactly as given', () => {
    const vevent = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstPropertyValue('summary')).toBe(event.summary);
    expect(vevent.getFirstPropertyValue('description')).toBe(event.description);
    expect(vevent.getFirstPropertyValue('url')).toBe(event.url);
    expect(vevent.getFirstPropertyValue('sequence')).toBe(2);
    expect(String(vevent.getFirstPropertyValue('dtstart'))).toBe('2026-03-03T15:00:00Z');
  });

  it('folds between characters, never inside one (multi-byte and surrogate pairs)', () => {
    const parts = ics.split('\r\n');
    expect(parts.some((part) => part.startsWith(' '))).toBe(true);
    for (const part of parts) {
      expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
      expect(part).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    }
  });

  it('writes whole-second UTC times and the URL as a URI, unescaped', () => {
    expect(lines(ics)).toEqual(expect.arrayContaining(['DTSTAMP:20260302T150000Z', 'DTSTART:20260303T150000Z', 'URL;VALUE=URI:https://clinic.test/join/abc?a=1,b;c']));
  });
});
