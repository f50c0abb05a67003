import type { Attendance } from '../../../shared/video';

export interface CallEvent {
  type: 'video_joined' | 'video_left';
  at: Date;
  actor: { kind: 'staff' | 'participant'; id: string; name: string };
}

const MINUTE = 60_000;

/**
 * Who was in the call and when, from the joins and leaves in the session's history. A person in
 * two tabs at once counts once: their time runs from the first join to the last leave of an
 * overlap. A join never followed by a leave counts until `openUntil` (the session's end, or now);
 * while the session runs (`running`) such a stay is still open, and says so (`to: null`).
 */
export function attendanceFrom(events: CallEvent[], openUntil: Date | null, running = false): Attendance {
  const people = new Map<string, { actor: CallEvent['actor']; open: number; from: Date | null; intervals: { from: Date; to: Date | null }[] }>();
  for (const event of events) {
    const key = `${event.actor.kind}:${event.actor.id}`;
    const person = people.get(key) ?? { actor: event.actor, open: 0, from: null, intervals: [] };
    people.set(key, person);
    if (event.type === 'video_joined') {
      if (person.open++ === 0) person.from = event.at;
    } else if (person.open > 0 && --person.open === 0 && person.from) {
      person.intervals.push({ from: person.from, to: event.at });
      person.from = null;
    }
  }
  const items = [...people.values()].map(({ actor, from, intervals }) => {
    const all = from ? [...intervals, { from, to: openUntil }] : intervals;
    const ms = all.reduce((sum, i) => sum + ((i.to ?? i.from).getTime() - i.from.getTime()), 0);
    return {
      kind: actor.kind,
      id: actor.id,
      name: actor.name,
      intervals: all.map((i, n) => ({ from: i.from.toISOString(), to: running && from && n === all.length - 1 ? null : (i.to?.toISOString() ?? null) })),
      minutes: Math.round(ms / MINUTE),
    };
  });
  return { items };
}
