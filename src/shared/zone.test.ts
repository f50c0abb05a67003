import { afterEach, describe, expect, it } from 'vitest';
import { localDateOf, startOfLocalDay, wallToInstant } from './zone';

const at = (iso: string) => Date.parse(iso);
const hm = (h: number, m = 0) => h * 60 + m;

describe('wallToInstant', () => {
  it('America/New_York on ordinary days', () => {
    // 09:00 America/New_York on 2026-03-07 (EST, UTC−5) is 14:00Z
    expect(wallToInstant('2026-03-07', hm(9), 'America/New_York')).toBe(at('2026-03-07T14:00:00Z'));
    // 09:00 America/New_York on 2026-03-09 (EDT, UTC−4) is 13:00Z
    expect(wallToInstant('2026-03-09', hm(9), 'America/New_York')).toBe(at('2026-03-09T13:00:00Z'));
  });

  it('America/New_York spring-forward 2026-03-08: a gap time moves forward by the gap', () => {
    // 01:59 EST is 06:59Z; clocks jump 02:00 EST → 03:00 EDT at 07:00Z
    expect(wallToInstant('2026-03-08', hm(1, 59), 'America/New_York')).toBe(at('2026-03-08T06:59:00Z'));
    // 02:00 and 02:30 do not exist: read as 03:00 and 03:30 EDT, i.e. 07:00Z and 07:30Z
    expect(wallToInstant('2026-03-08', hm(2), 'America/New_York')).toBe(at('2026-03-08T07:00:00Z'));
    expect(wallToInstant('2026-03-08', hm(2, 30), 'America/New_York')).toBe(at('2026-03-08T07:30:00Z'));
    // 03:00 EDT is 07:00Z, the same instant as the skipped 02:00
    expect(wallToInstant('2026-03-08', hm(3), 'America/New_York')).toBe(at('2026-03-08T07:00:00Z'));
  });

  it('America/New_York fall-back 2026-11-01: an ambiguous time takes the earlier instant', () => {
    // 01:00 and 01:30 happen twice; the first is EDT (UTC−4): 05:00Z and 05:30Z
    expect(wallToInstant('2026-11-01', hm(1), 'America/New_York')).toBe(at('2026-11-01T05:00:00Z'));
    expect(wallToInstant('2026-11-01', hm(1, 30), 'America/New_York')).toBe(at('2026-11-01T05:30:00Z'));
    // 02:00 EST (UTC−5) is 07:00Z
    expect(wallToInstant('2026-11-01', hm(2), 'America/New_York')).toBe(at('2026-11-01T07:00:00Z'));
  });

  it('Europe/Berlin on 2026-03-29 and 2026-10-25', () => {
    // 01:59 CET (UTC+1) is 00:59Z; 02:30 is skipped and read as 03:30 CEST (UTC+2), 01:30Z
    expect(wallToInstant('2026-03-29', hm(1, 59), 'Europe/Berlin')).toBe(at('2026-03-29T00:59:00Z'));
    expect(wallToInstant('2026-03-29', hm(2, 30), 'Europe/Berlin')).toBe(at('2026-03-29T01:30:00Z'));
    // 02:30 on 2026-10-25 happens twice; the first is CEST: 00:30Z. 03:00 CET is 02:00Z
    expect(wallToInstant('2026-10-25', hm(2, 30), 'Europe/Berlin')).toBe(at('2026-10-25T00:30:00Z'));
    expect(wallToInstant('2026-10-25', hm(3), 'Europe/Berlin')).toBe(at('2026-10-25T02:00:00Z'));
  });

  it('half-hour and 45-minute offsets: Asia/Kolkata (+5:30) and Asia/Kathmandu (+5:45)', () => {
    // 8AM Asia/Kolkata is 2:30AM UTC
    expect(wallToInstant('2026-03-09', hm(8), 'Asia/Kolkata')).toBe(at('2026-03-09T02:30:00Z'));
    // 8AM Asia/Kathmandu is 2:15AM UTC
    expect(wallToInstant('2026-03-09', hm(8), 'Asia/Kathmandu')).toBe(at('2026-03-09T02:15:00Z'));
  });

  it('Australia/Lord_Howe: 30-minute shifts on 2026-04-05 and 2026-10-04', () => {
    // 2026-04-05 02:00 LHDT (+11) → 01:30 LHST (+10:30) at 15:00Z on 04-04: 01:30–02:00 happens twice.
    // 01:45 takes the first (+11): 14:45Z; 02:00 LHST is 15:30Z
    expect(wallToInstant('2026-04-05', hm(1, 45), 'Australia/Lord_Howe')).toBe(at('2026-04-04T14:45:00Z'));
    expect(wallToInstant('2026-04-05', hm(2), 'Australia/Lord_Howe')).toBe(at('2026-04-04T15:30:00Z'));
    // 2026-10-04 02:00 LHST (+10:30) → 02:30 LHDT (+11) at 15:30Z on 10-03: 02:15 reads as 02:45 LHDT, 15:45Z
    expect(wallToInstant('2026-10-04', hm(2, 15), 'Australia/Lord_Howe')).toBe(at('2026-10-03T15:45:00Z'));
    expect(wallToInstant('2026-10-04', hm(2, 30), 'Australia/Lord_Howe')).toBe(at('2026-10-03T15:30:00Z'));
  });

  it('Australia/Adelaide: southern-hemisphere DST (+10:30 in January, +9:30 in June)', () => {
    // 09:00 ACDT (+10:30) on 2026-01-15 is 22:30Z on 01-14; 09:00 ACST (+9:30) on 2026-06-15 is 23:30Z on 06-14
    expect(wallToInstant('2026-01-15', hm(9), 'Australia/Adelaide')).toBe(at('2026-01-14T22:30:00Z'));
    expect(wallToInstant('2026-06-15', hm(9), 'Australia/Adelaide')).toBe(at('2026-06-14T23:30:00Z'));
    // 2026-10-04 02:00 ACST → 03:00 ACDT: 02:30 reads as 03:30 ACDT, 17:00Z on 10-03
    expect(wallToInstant('2026-10-04', hm(2, 30), 'Australia/Adelaide')).toBe(at('2026-10-03T17:00:00Z'));
    // 2026-04-05 03:00 ACDT → 02:00 ACST: the first 02:30 is ACDT, 16:00Z on 04-04
    expect(wallToInstant('2026-04-05', hm(2, 30), 'Australia/Adelaide')).toBe(at('2026-04-04T16:00:00Z'));
  });

  it('zones without DST: UTC and Asia/Tokyo (+9)', () => {
    expect(wallToInstant('2026-03-08', hm(2, 30), 'UTC')).toBe(at('2026-03-08T02:30:00Z'));
    // 09:00 Asia/Tokyo on 2026-07-01 is 00:00Z
    expect(wallToInstant('2026-07-01', hm(9), 'Asia/Tokyo')).toBe(at('2026-07-01T00:00:00Z'));
  });

  it('1440 is the next local midnight, also across a month end', () => {
    expect(wallToInstant('2026-03-31', 1440, 'UTC')).toBe(at('2026-04-01T00:00:00Z'));
    // midnight starting 2026-03-10 in Asia/Kolkata is 18:30Z on 03-09
    expect(wallToInstant('2026-03-09', 1440, 'Asia/Kolkata')).toBe(at('2026-03-09T18:30:00Z'));
    // 24:00 on the NY fall-back day is 2026-11-02 00:00 EST, 05:00Z: that day had 25 hours
    expect(wallToInstant('2026-11-01', 1440, 'America/New_York')).toBe(at('2026-11-02T05:00:00Z'));
  });

  it('keeps second-precise historical offsets (New York local mean time, −4:56:02)', () => {
    expect(wallToInstant('1880-01-01', 0, 'America/New_York')).toBe(at('1880-01-01T04:56:02Z'));
  });

  it('rejects bad input', () => {
    expect(() => wallToInstant('2026-02-29', 0, 'UTC')).toThrow(RangeError);
    expect(() => wallToInstant('2026-3-08', 0, 'UTC')).toThrow(RangeError);
    expect(() => wallToInstant('2026-03-08', 1441, 'UTC')).toThrow(RangeError);
    expect(() => wallToInstant('2026-03-08', 0, 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('startOfLocalDay', () => {
  it('is local midnight, whatever the offset', () => {
    // midnight America/New_York on 2026-11-01 (EDT) is 04:00Z; on 2026-11-02 (EST) 05:00Z
    expect(startOfLocalDay('2026-11-01', 'America/New_York')).toBe(at('2026-11-01T04:00:00Z'));
    expect(startOfLocalDay('2026-11-02', 'America/New_York')).toBe(at('2026-11-02T05:00:00Z'));
    // midnight Asia/Kathmandu (+5:45) on 2026-01-01 is 18:15Z on 2025-12-31
    expect(startOfLocalDay('2026-01-01', 'Asia/Kathmandu')).toBe(at('2025-12-31T18:15:00Z'));
  });

  it('is the first instant of the day when midnight is skipped (America/Santiago, 2026-09-06)', () => {
    // 2026-09-06 00:00 CLT (−4) → 01:00 CLST (−3) at 04:00Z: the day starts at 01:00, 04:00Z
    expect(startOfLocalDay('2026-09-06', 'America/Santiago')).toBe(at('2026-09-06T04:00:00Z'));
  });
});

describe('localDateOf', () => {
  it('reads the date in the zone, not in UTC', () => {
    // 03:59Z on 2026-11-01 is 23:59 EDT on 10-31; 04:00Z is 00:00 EDT on 11-01
    expect(localDateOf(at('2026-11-01T03:59:00Z'), 'America/New_York')).toBe('2026-10-31');
    expect(localDateOf(at('2026-11-01T04:00:00Z'), 'America/New_York')).toBe('2026-11-01');
    // 18:30Z is midnight Asia/Kolkata of the next date
    expect(localDateOf(at('2026-03-09T18:29:59Z'), 'Asia/Kolkata')).toBe('2026-03-09');
    expect(localDateOf(at('2026-03-09T18:30:00Z'), 'Asia/Kolkata')).toBe('2026-03-10');
    // Pacific/Chatham is +13:45 in January: 10:15Z is midnight of the next date
    expect(localDateOf(at('2026-01-10T10:15:00Z'), 'Pacific/Chatham')).toBe('2026-01-11');
  });
});

describe('the process zone', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  it('plays no part', () => {
    process.env.TZ = 'Pacific/Chatham';
    expect(wallToInstant('2026-03-09', hm(9), 'America/New_York')).toBe(at('2026-03-09T13:00:00Z'));
    expect(localDateOf(at('2026-11-01T03:59:00Z'), 'America/New_York')).toBe('2026-10-31');
  });
});
