import type { WorkHours } from '../../../shared/work-hours';
import { DomainError } from '../../errors';
import { freeSlotStarts, workRangesBetween } from '../availability';

const MINUTE = 60_000;

export interface StartCheck {
  start: number;
  durationMinutes: number;
  workHours: WorkHours;
  stepMinutes: number;
  minimumNoticeMinutes: number;
  now: number;
  meetNow: boolean;
  allowOutsideWorkHours: boolean;
}

const outsideWorkHours = (detail: string) => new DomainError('conflict', 'outside_work_hours', detail);

/**
 * Whether sorted work ranges cover [from, to) without a gap. Ranges that touch count as one: a
 * host who works to midnight and from midnight is at work across it (the engine keeps such ranges
 * apart, each with its own grid of slot starts).
 */
export function coveredByWork(ranges: { start: number; end: number }[], from: number, to: number): boolean {
  let reach = from;
  for (const range of ranges) {
    if (range.start > reach) return false;
    if (range.end > reach) reach = range.end;
    if (reach >= to) return true;
  }
  return false;
}

/**
 * Whether a start is one the host's Work Hours offer. Overlap with other sessions is not
 * checked here: the database's exclusion constraint decides that when the row is written.
 */
export function checkStart(check: StartCheck): void {
  const duration = check.durationMinutes * MINUTE;
  if (check.meetNow) {
    if (check.allowOutsideWorkHours) return;
    if (!coveredByWork(workRangesBetween(check.workHours, check.start, check.start + duration), check.start, check.start + duration)) throw outsideWorkHours('The host is outside Work Hours now. Confirm to meet anyway.');
    return;
  }
  if (check.start < check.now) {
    throw new DomainError('invalid', 'invalid_request', 'The start time has passed', {
      errors: [{ path: 'start', message: 'This time has passed' }],
    });
  }
  const notBefore = check.now + check.minimumNoticeMinutes * MINUTE;
  if (check.start < notBefore) {
    throw new DomainError('conflict', 'too_soon', `Sessions must be booked at least ${check.minimumNoticeMinutes} minutes ahead`);
  }
  const offered = freeSlotStarts({
    workHours: check.workHours,
    busy: [],
    durationMinutes: check.durationMinutes,
    stepMinutes: check.stepMinutes,
    notBefore,
    from: check.start,
    to: check.start + 1,
  });
  if (offered[0] !== check.start) {
    throw outsideWorkHours('This time is not one of the host’s free times in Work Hours');
  }
}
