import { Badge, Button, Checkbox, Group, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { MODALITY_LABELS, type Service, type SessionType } from '../../../shared/catalog';
import { AUDIENCE_LABELS, type DocumentTemplate } from '../../../shared/documents';
import { matchRank } from '../../../shared/search';
import type { StaffUser } from '../../../shared/users';
import type { SessionDraft } from './draft';
import { SlotPicker } from './SlotPicker';

export interface SessionStepProps {
  readonly draft: SessionDraft;
  readonly update: (patch: Partial<SessionDraft>) => void;
  readonly services: Service[];
  readonly sessionTypes: SessionType[];
  readonly templates: DocumentTemplate[];
  /** Providers to choose the host from; null when the person may not change the host. */
  readonly hosts: StaffUser[] | null;
  readonly viewerTimeZone: string;
  readonly timeError?: string | undefined;
  readonly missing: string[];
  readonly onNext: () => void;
}

export function SessionStep({ draft, update, services, sessionTypes, templates, hosts, viewerTimeZone, timeError, missing, onNext }: SessionStepProps) {
  const service = services.find((s) => s.id === draft.serviceId);
  const allowedTypes = sessionTypes.filter((type) => service?.sessionTypeIds.includes(type.id));
  const serviceOptions = useMemo(
    () => services.map((s) => ({ value: s.id, label: `${s.name} · ${s.durationMinutes} min` })),
    [services],
  );
  const nameOf = new Map(services.map((s) => [s.id, s.name]));
  // A new host has other free times: a time chosen for the last one is cleared, and said so.
  const [timeCleared, setTimeCleared] = useState(false);
  const chooseTime = (patch: Partial<SessionDraft>) => {
    setTimeCleared(false);
    update(patch);
  };

  // Someone who schedules for others and hosts nothing (a dispatcher, an administrator) is asked
  // for the host first: free times, and so the rest of the step, depend on it.
  const [hostFirst] = useState(() => hosts !== null && draft.hostId === null);
  const hostSelect = hosts && (
    <>
      <Select
        label="Session Host"
        description="The provider who runs the session."
        placeholder="Choose a provider"
        data={hosts.map((host) => ({ value: host.id, label: `${host.name} (${host.timeZone.replaceAll('_', ' ')})` }))}
        value={draft.hostId}
        onChange={(hostId) => {
          setTimeCleared(draft.start !== null || draft.meetNow);
          update({ hostId, start: null, date: null, meetNow: false });
        }}
        searchable
        allowDeselect={false}
        required
        data-autofocus={hostFirst || undefined}
      />
      {timeCleared && (
        <Text size="sm" c="var(--mantine-color-yellow-light-color)" role="status" mt={-8}>
          The time you had chosen was cleared: free times depend on the host. Choose one of this host’s free times below.
        </Text>
      )}
    </>
  );

  const chooseService = (serviceId: string | null) => {
    const next = services.find((s) => s.id === serviceId);
    const types = sessionTypes.filter((type) => next?.sessionTypeIds.includes(type.id));
    update({
      serviceId,
      sessionTypeId: types.length === 1 ? types[0]!.id : types.some((t) => t.id === draft.sessionTypeId) ? draft.sessionTypeId : null,
      // A different duration changes which times are free.
      start: null,
      ...(draft.documentsChosen ? {} : { documentTemplateIds: next?.documentTemplateIds ?? [] }),
    });
  };

  return (
    <Stack gap="lg">
      {hostFirst && hostSelect}
      <Select
        label="Service"
        placeholder="Select Service"
        data={serviceOptions}
        value={draft.serviceId}
        onChange={chooseService}
        searchable
        nothingFoundMessage="No service matches"
        // Rank as the services API does: exact, prefix, word start, anywhere; accents ignored.
        filter={({ options, search }) =>
          options
            .map((option) => ({ option, rank: 'value' in option ? matchRank(nameOf.get(option.value) ?? '', search) : null }))
            .filter((entry) => entry.rank !== null)
            .sort((a, b) => a.rank! - b.rank!)
            .map((entry) => entry.option)
        }
        required
        data-autofocus={!hostFirst || undefined}
      />

      <Stack gap={4}>
        <Text size="sm" fw={500} id="session-type-label">
          Session type <span aria-hidden="true" style={{ color: 'var(--mantine-color-red-6)' }}>*</span>
        </Text>
        {service ? (
          <SegmentedControl
            aria-labelledby="session-type-label"
            value={draft.sessionTypeId ?? ''}
            onChange={(sessionTypeId) => update({ sessionTypeId })}
            data={allowedTypes.map((type) => ({ value: type.id, label: `${type.name}` }))}
            title={allowedTypes.map((type) => MODALITY_LABELS[type.modality]).join(', ')}
          />
        ) : (
          <Text size="sm" c="dimmed">
            Choose a service first: it decides how the session can take place.
          </Text>
        )}
      </Stack>

      {!hostFirst && hostSelect}

      <SlotPicker
        hostId={draft.hostId}
        serviceId={draft.serviceId}
        viewerTimeZone={viewerTimeZone}
        date={draft.date}
        start={draft.start}
        meetNow={draft.meetNow}
        onDate={(date) => chooseTime({ date, start: null, meetNow: false })}
        onStart={(start) => chooseTime({ start, meetNow: false })}
        onMeetNow={() => chooseTime({ meetNow: true, start: null })}
        error={timeError}
      />

      <Checkbox.Group
        label="Documents"
        description="Assigned to the session: participant documents to each participant, host documents to the host."
        value={draft.documentTemplateIds}
        onChange={(documentTemplateIds) => update({ documentTemplateIds, documentsChosen: true })}
      >
        <Stack gap="xs" mt="xs">
          {templates.map((template) => (
            <Checkbox
              key={template.id}
              value={template.id}
              label={
                <Group gap={6}>
                  {template.name}
                  <Badge size="xs" variant="light" color={template.audience === 'host' ? 'grape' : 'blue'}>
                    {AUDIENCE_LABELS[template.audience]}
                  </Badge>
                </Group>
              }
            />
          ))}
        </Stack>
      </Checkbox.Group>

      <Stack gap={4}>
        <Button rightSection={<IconArrowRight size={16} aria-hidden="true" />} onClick={onNext} disabled={missing.length > 0}>
          Next step: Participant Details
        </Button>
        {missing.length > 0 && (
          <Text size="xs" c="dimmed" ta="center">
            Still needed: {missing.join(', ')}.
          </Text>
        )}
      </Stack>
    </Stack>
  );
}
