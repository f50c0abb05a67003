import { describe, expect, it } from 'vitest';
import { type CalendarEvent, googleCalendarUrl, outlookCalendarUrl } from './calendar-links';

// 15:00Z on 2026-03-03 is 16:00 in Madrid and 10:00 in New York; the links carry UTC only.
const event: CalendarEvent = {
  title: 'Physio & follow-up with Dr. Núñez',
  start: '2026-03-03T15:00:00Z',
  end: '2026-03-03T15:30:00Z',
  details: 'Video session.\nBring notes & a 1+1 list: café',
  location: 'Clínica Sol, Calle Mayor 5',
};

// Written out by hand: space %20, & %26, + %2B, : %3A, / %2F, newline %0A, accents as UTF-8.
const TEXT = 'Physio%20%26%20follow-up%20with%20Dr.%20N%C3%BA%C3%B1ez';
const DETAILS = 'Video%20session.%0ABring%20notes%20%26%20a%201%2B1%20list%3A%20caf%C3%A9';
const LOCATION = 'Cl%C3%ADnica%20Sol%2C%20Calle%20Mayor%205';

describe('googleCalendarUrl', () => {
  it('builds the template link with UTC basic-format dates', () => {
    expect(googleCalendarUrl(event)).toBe(
      'https://calendar.google.com/calendar/render?action=TEMPLATE' +
        `&text=${TEXT}` +
        '&dates=20260303T150000Z%2F20260303T153000Z' +
        `&details=${DETAILS}` +
        `&location=${LOCATION}`,
    );
  });

  it('converts offsets and milliseconds to UTC seconds, and leaves out a missing location', () => {
    // 16:00+01:00 is 15:00Z; 10:30-05:00 is 15:30Z.
    const url = googleCalendarUrl({ title: 'Check-in', start: '2026-03-03T16:00:00.000+01:00', end: '2026-03-03T10:30:00-05:00', details: '' });
    expect(url).toBe('https://calendar.google.com/calendar/render?action=TEMPLATE&text=Check-in&dates=20260303T150000Z%2F20260303T153000Z');
  });

  it('decodes back to exactly the text given', () => {
    const params = new URL(googleCalendarUrl(event)).searchParams;
    expect(params.get('text')).toBe(event.title);
    expect(params.get('details')).toBe(event.details);
    expect(params.get('dates')).toBe('20260303T150000Z/20260303T153000Z');
  });
});

describe('outlookCalendarUrl', () => {
  it('builds the compose deep link with ISO UTC instants', () => {
    expect(outlookCalendarUrl(event)).toBe(
      'https://outlook.live.com/calendar/0/deeplink/compose?path=%2Fcalendar%2Faction%2Fcompose&rru=addevent' +
        `&subject=${TEXT}` +
        '&startdt=2026-03-03T15%3A00%3A00Z&enddt=2026-03-03T15%3A30%3A00Z' +
        `&body=${DETAILS}` +
        `&location=${LOCATION}`,
    );
  });

  it('never writes a space as "+", which Outlook would show literally', () => {
    const url = outlookCalendarUrl({ ...event, title: 'A B', details: 'C D' });
    expect(url).toContain('&subject=A%20B&');
    expect(url).toContain('&body=C%20D&');
    expect(new URL(url).searchParams.get('body')).toBe('C D');
  });
});

it('refuses a start that is not an instant', () => {
  expect(() => googleCalendarUrl({ ...event, start: 'tomorrow' })).toThrow(RangeError);
  expect(() => outlookCalendarUrl({ ...event, end: '' })).toThrow(RangeError);
});
