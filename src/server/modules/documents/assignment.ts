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
