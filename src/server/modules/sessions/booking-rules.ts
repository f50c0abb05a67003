import type { WorkHours } from '../../../shared/work-hours';
import { DomainError } from '../../errors';
import { freeSlotStarts, workRangesBetween } from '../availability/engine';

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
 * Whether a start is one the host's Work Hours offer. Overlap with other sessions is not
 * checked here: the database's exclusion constraint decides that when the row is written.
 */
export function checkStart(check: StartCheck): void {
  const duration = check.durationMinutes * MINUTE;
  if (check.meetNow) {
    if (check.allowOutsideWorkHours) return;
    const inside = workRangesBetween(check.workHours, check.start, check.start + duration).some(
      (range) => range.start <= check.start && check.start + duration <= range.end,
    );
    if (!inside) throw outsideWorkHours('The host is outside Work Hours now. Confirm to meet anyway.');
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

/** A participant-audience document goes to each participant, a host-audience one to the host. */
export interface DocumentAssignment {
  templateId: string;
  /** The template version the session is given; it keeps it when the template changes later. */
  versionId: string;
  participantId: string | null;
  hostId: string | null;
}

export function documentAssignments(
  templates: { id: string; versionId: string; audience: 'participant' | 'host' }[],
  participantIds: string[],
  hostId: string,
): DocumentAssignment[] {
  return templates.flatMap((template): DocumentAssignment[] =>
    template.audience === 'host'
      ? [{ templateId: template.id, versionId: template.versionId, participantId: null, hostId }]
      : participantIds.map((participantId) => ({ templateId: template.id, versionId: template.versionId, participantId, hostId: null })),
  );
}
