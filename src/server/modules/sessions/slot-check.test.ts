import { describe, expect, it } from 'vitest';
import { DomainError } from '../../errors';
import { withSlotCheck } from './change';

// PostgreSQL can end one of two overlapping bookings inserted at the same instant with a deadlock
// (40P01) or a serialization failure (40001) raised inside the exclusion constraint's check. The
// booking's transaction runs again; these errors carry the codes pg gives them.
const lostTo = (code: string) => Object.assign(new Error('deadlock detected'), { code });

describe('withSlotCheck', () => {
  it.each(['40P01', '40001'])('runs the transaction again after %s, and returns what the next run books', async (code) => {
    let runs = 0;
    const booked = await withSlotCheck(async () => {
      runs++;
      if (runs === 1) throw lostTo(code);
      return 'booked';
    });
    expect(booked).toBe('booked');
    expect(runs).toBe(2);
  });

  it('gives up after three runs: the booking lost the race for that time (409 slot_unavailable)', async () => {
    let runs = 0;
    const outcome = withSlotCheck(async () => {
      runs++;
      throw lostTo('40P01');
    });
    await expect(outcome).rejects.toBeInstanceOf(DomainError);
    await expect(outcome).rejects.toMatchObject({ kind: 'conflict', code: 'slot_unavailable' });
    expect(runs).toBe(3);
  });

  it('does not run again after any other error', async () => {
    let runs = 0;
    await expect(
      withSlotCheck(async () => {
        runs++;
        throw Object.assign(new Error('not null'), { code: '23502' });
      }),
    ).rejects.toMatchObject({ code: '23502' });
    expect(runs).toBe(1);
  });
});
