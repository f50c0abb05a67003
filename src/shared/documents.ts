export const AUDIENCES = ['participant', 'host'] as const;
export type Audience = (typeof AUDIENCES)[number];
export const AUDIENCE_LABELS: Record<Audience, string> = { participant: 'Participant', host: 'Host' };

export interface DocumentTemplate {
  id: string;
  name: string;
  audience: Audience;
}

export interface SessionDocument {
  id: string;
  templateId: string;
  name: string;
  audience: Audience;
  assignee: { kind: 'participant' | 'host'; id: string; name: string };
  status: 'pending' | 'completed';
  completedAt: string | null;
}
