import { Alert, Button, Checkbox, Group, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useSingleFlightMutation } from '../../api/single-flight';
import { useState } from 'react';
import type { SessionDetails } from '../../../shared/sessions';
import { ApiError, api } from '../../api/client';
import { useActiveServices, useDocumentTemplates, useHosts, useSessionDetails, useSessionTypes } from '../../api/queries';
import { hasRole, useCurrentUser } from '../../auth/sign-in';
import { FormDrawer } from '../FormDrawer/FormDrawer';
import { invalidateSession } from './invalidate';

export interface EditSessionDrawerProps {
  readonly sessionId: string;
  readonly onClose: () => void;
}

const REFUSALS: Record<string, string> = {
  outside_work_hours: 'The host does not work at this time with this service. Reschedule first, or choose another host.',
  slot_unavailable: 'The host already has a session at this time. Choose another host, or reschedule.',
  version_conflict: 'Someone changed this session meanwhile. Close this panel to see the latest, then edit again.',
};

/** Edit service, session type, host and documents; the server checks the host is still free. */
export function EditSessionDrawer({ sessionId, onClose }: EditSessionDrawerProps) {
  const details = useSessionDetails(sessionId);
  return details.data ? <EditForm session={details.data} onClose={onClose} /> : null;
}

function EditForm({ session, onClose }: { readonly session: SessionDetails; readonly onClose: () => void }) {
  const me = useCurrentUser();
  const managesHosts = hasRole(me, 'admin', 'dispatcher');
  const services = useActiveServices();
  const sessionTypes = useSessionTypes({ includeInactive: false });
  const templates = useDocumentTemplates();
  const hosts = useHosts(managesHosts);
  const queryClient = useQueryClient();
  const initialDocuments = [...new Set(session.documents.map((d) => d.templateId))];
  const [serviceId, setServiceId] = useState(session.serviceId);
  const [sessionTypeId, setSessionTypeId] = useState(session.sessionTypeId);
  const [hostId, setHostId] = useState(session.hostId);
  const [documentTemplateIds, setDocuments] = useState(initialDocuments);
  const [error, setError] = useState('');
  const service = services.data?.find((s) => s.id === serviceId);
  const types = (sessionTypes.data ?? []).filter((t) => service?.sessionTypeIds.includes(t.id));
  const documentsChanged = JSON.stringify([...documentTemplateIds].sort()) !== JSON.stringify([...initialDocuments].sort());
  const dirty = serviceId !== session.serviceId || sessionTypeId !== session.sessionTypeId || hostId !== session.hostId || documentsChanged;

  const save = useSingleFlightMutation({
    mutationFn: () =>
      api<SessionDetails>(`/sessions/${session.id}`, {
        method: 'PATCH',
        body: {
          version: session.version,
          ...(serviceId !== session.serviceId ? { serviceId } : {}),
          ...(sessionTypeId !== session.sessionTypeId ? { sessionTypeId } : {}),
          ...(hostId !== session.hostId ? { hostId } : {}),
          ...(documentsChanged ? { documentTemplateIds } : {}),
        },
      }),
    onSuccess: () => {
      invalidateSession(queryClient, session.id);
      notifications.show({ color: 'teal', title: 'Session updated', message: 'Participants are told of any change to the host or service.' });
      onClose();
    },
    onError: (e) => setError((e instanceof ApiError && REFUSALS[e.code]) || e.message),
  });

  return (
    <FormDrawer opened title="Edit session" dirty={dirty} onClose={onClose}>
      <Stack gap="md">
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Select
          label="Service"
          data={(services.data ?? []).map((s) => ({ value: s.id, label: `${s.name} · ${s.durationMinutes} min` }))}
          value={serviceId}
          onChange={(value) => {
            if (!value) return;
            setServiceId(value);
            const allowed = services.data?.find((s) => s.id === value)?.sessionTypeIds ?? [];
            if (!allowed.includes(sessionTypeId)) setSessionTypeId(allowed[0] ?? sessionTypeId);
          }}
          searchable
          allowDeselect={false}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="edit-type-label">
            Session type
          </Text>
          <SegmentedControl aria-labelledby="edit-type-label" value={sessionTypeId} onChange={setSessionTypeId} data={types.map((t) => ({ value: t.id, label: t.name }))} />
        </Stack>
        {managesHosts && (
          <Select
            label="Session Host"
            data={(hosts.data ?? []).map((h) => ({ value: h.id, label: h.name }))}
            value={hostId}
            onChange={(value) => value && setHostId(value)}
            searchable
            allowDeselect={false}
          />
        )}
        <Checkbox.Group label="Documents" value={documentTemplateIds} onChange={setDocuments}>
          <Stack gap="xs" mt="xs">
            {(templates.data ?? []).map((t) => (
              <Checkbox key={t.id} value={t.id} label={t.name} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Text size="xs" c="dimmed">
          The time stays the same; to change it, use Reschedule.
        </Text>
        <Group justify="flex-end">
          <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!dirty}>
            Save changes
          </Button>
        </Group>
      </Stack>
    </FormDrawer>
  );
}
