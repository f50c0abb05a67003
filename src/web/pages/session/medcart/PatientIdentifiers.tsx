import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { SessionEhr } from '../../../../shared/ehr';
import { ApiError } from '../../../api/client';
import { useSetPatientIdentifier } from './medcart-api';

export interface PatientIdentifiersProps {
  readonly sessionId: string;
  readonly patients: SessionEhr['patients'];
}

/**
 * Each participant's patient identifier in the EHR (an MRN with its system). With one, sends refer
 * to the EHR's own patient; without, the EHR gets a patient record by Carebeam's identifier.
 */
export function PatientIdentifiers({ sessionId, patients }: PatientIdentifiersProps) {
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        Patients in the EHR
      </Text>
      {patients.map((patient) =>
        editing === patient.participantId ? (
          <IdentifierForm key={patient.participantId} sessionId={sessionId} patient={patient} onDone={() => setEditing(null)} />
        ) : (
          <Group key={patient.participantId} gap="xs">
            <Text size="sm">{patient.name}:</Text>
            <Text size="sm" c={patient.identifier ? undefined : 'dimmed'}>
              {patient.identifier ? `${patient.identifier.value} (${patient.identifier.system})` : 'no EHR identifier: matched by Carebeam’s own'}
            </Text>
            <Button size="compact-xs" variant="subtle" onClick={() => setEditing(patient.participantId)} aria-label={`Edit the EHR identifier of ${patient.name}`}>
              Edit
            </Button>
          </Group>
        ),
      )}
    </Stack>
  );
}

function IdentifierForm({ sessionId, patient, onDone }: { readonly sessionId: string; readonly patient: SessionEhr['patients'][number]; readonly onDone: () => void }) {
  const save = useSetPatientIdentifier(sessionId);
  const [system, setSystem] = useState(patient.identifier?.system ?? '');
  const [value, setValue] = useState(patient.identifier?.value ?? '');
  const errors = save.error instanceof ApiError ? Object.fromEntries((save.error.problem.errors ?? []).map((e) => [e.path, e.message])) : {};
  const submit = (identifier: { system: string; value: string } | null) => save.mutate({ participantId: patient.participantId, identifier }, { onSuccess: onDone });
  return (
    <Stack gap={4} p="xs" bg="gray.0">
      <Text size="sm">{patient.name}</Text>
      <Group grow align="flex-start">
        <TextInput size="xs" label="Identifier system" placeholder="urn:oid:… or https://…" value={system} onChange={(e) => setSystem(e.currentTarget.value)} error={errors.system} />
        <TextInput size="xs" label="Identifier (e.g. MRN)" value={value} onChange={(e) => setValue(e.currentTarget.value)} error={errors.value} />
      </Group>
      <Group gap="xs" justify="flex-end">
        {patient.identifier && (
          <Button size="xs" variant="subtle" color="red" onClick={() => submit(null)}>
            Remove
          </Button>
        )}
        <Button size="xs" variant="default" onClick={onDone}>
          Cancel
        </Button>
        <Button size="xs" loading={save.isPending} onClick={() => submit({ system, value })}>
          Save
        </Button>
      </Group>
    </Stack>
  );
}
