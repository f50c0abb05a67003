import { Drawer, Loader } from '@mantine/core';
import { useNavigate } from 'react-router';
import { useSessionDetails } from '../../api/queries';
import { NewSessionPanel } from '../NewSessionPanel/NewSessionPanel';

export interface ScheduleNextPanelProps {
  readonly sessionId: string;
  readonly onClose: () => void;
}

/** The New Session panel prefilled with this session's service, type, host, participants and documents. */
export function ScheduleNextPanel({ sessionId, onClose }: ScheduleNextPanelProps) {
  const details = useSessionDetails(sessionId);
  const navigate = useNavigate();
  const session = details.data;
  if (!session) {
    return (
      <Drawer opened onClose={onClose} position="right" title="Schedule next session">
        <Loader size="sm" role="status" aria-label="Loading the session" />
      </Drawer>
    );
  }
  return (
    <NewSessionPanel
      followsSessionId={sessionId}
      onClose={onClose}
      onCreated={(created) => {
        onClose();
        navigate(`/sessions/${created.id}`);
      }}
      initial={{
        serviceId: session.serviceId,
        sessionTypeId: session.sessionTypeId,
        hostId: session.hostId,
        documentTemplateIds: [...new Set(session.documents.map((d) => d.templateId))],
        documentsChosen: true,
        participants: session.participants.map((p) => ({
          kind: 'existing' as const,
          key: p.id,
          participant: { id: p.id, name: p.name, email: p.email, phone: p.phone, timeZone: p.timeZone, invitationType: p.invitationType, dateOfBirth: null },
          invitationType: p.invitationType,
        })),
      }}
    />
  );
}
