import { describe, expect, it } from 'vitest';
import { dayMonthOrder, localMonthNames, parseTypedDate, type TypedDateContext } from './typed-date';

const US: TypedDateContext = { order: 'MD', today: '2026-03-02' };
const UK: TypedDateContext = { order: 'DM', today: '2026-03-02' };

describe('parseTypedDate', () => {
  it('reads ISO dates and numeric dates in the locale’s day–month order', () => {
    expect(parseTypedDate('1985-03-05', US)).toBe('1985-03-05');
    expect(parseTypedDate('1985/3/5', UK)).toBe('1985-03-05');
    expect(parseTypedDate('3/5/1985', US)).toBe('1985-03-05');
    expect(parseTypedDate('3/5/1985', UK)).toBe('1985-05-03');
    expect(parseTypedDate('05.03.1985', UK)).toBe('1985-03-05');
    expect(parseTypedDate(' 12-31-1999 ', US)).toBe('1999-12-31');
  });

  it('reads month names, English or the locale’s, in either position', () => {
    expect(parseTypedDate('March 5, 1985', US)).toBe('1985-03-05');
    expect(parseTypedDate('5 Mar 1985', US)).toBe('1985-03-05');
    expect(parseTypedDate('Sept. 9 2001', US)).toBe('2001-09-09');
    expect(parseTypedDate('1985 march 5', UK)).toBe('1985-03-05');
    expect(parseTypedDate('5 mars 1985', { ...UK, monthNames: localMonthNames('fr') })).toBe('1985-03-05');
    expect(parseTypedDate('5. März 1985', { ...UK, monthNames: localMonthNames('de') })).toBe('1985-03-05');
  });

  it('reads two-digit years as the latest such year not after this one, or the next one for dates ahead', () => {
    expect(parseTypedDate('3/5/85', US)).toBe('1985-03-05');
    expect(parseTypedDate('3/5/26', US)).toBe('2026-03-05');
    expect(parseTypedDate('3/5/27', US)).toBe('1927-03-05');
    expect(parseTypedDate('3/5/27', { ...US, ahead: true })).toBe('2027-03-05');
    expect(parseTypedDate('3/5/25', { ...US, ahead: true })).toBe('2125-03-05');
  });

  it('refuses what is not one real date rather than guessing', () => {
    for (const text of ['', '1985', '3/5', '2/30/1985', '13/13/1985', 'Marc 5', 'Foo 5 1985', '1985-03-05-01', '5 Ma 1985', '3/5/985', '123/5/1985'])
      expect(parseTypedDate(text, US), text).toBeNull();
  });
});

describe('dayMonthOrder', () => {
  it('follows the locale', () => {
    expect(dayMonthOrder('en-US')).toBe('MD');
    expect(dayMonthOrder('en-GB')).toBe('DM');
    expect(dayMonthOrder('de-DE')).toBe('DM');
  });
});
