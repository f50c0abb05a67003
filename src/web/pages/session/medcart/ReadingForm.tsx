import { Alert, Button, Group, Modal, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { dateIn, minutesOfDay, zoneLabel } from '../../../../shared/format';
import type { Reading } from '../../../../shared/medcart';
import { acceptedUnits, displayUnit, KINDS, READING_KINDS, type ReadingKind, unitLabel, type UnitSystem } from '../../../../shared/vitals';
import { wallToInstant } from '../../../../shared/zone';
import { ApiError } from '../../../api/client';
import { useAddReading, useCorrectReading } from './medcart-api';

export interface ReadingFormProps {
  readonly sessionId: string;
  readonly participants: { id: string; name: string }[];
  /** Whose reading it is unless chosen: the cart's participant, or the first. */
  readonly defaultParticipantId: string | null;
  readonly units: UnitSystem;
  readonly viewerTimeZone: string;
  /** The reading being corrected; null to enter a new one. */
  readonly correcting: Reading | null;
  readonly opened: boolean;
  readonly onClose: () => void;
}

type Values = {
  participantId: string;
  kind: ReadingKind;
  value: number | string;
  components: { systolic: number | string; diastolic: number | string };
  unit: string;
  date: string;
  time: string;
};

const asNumber = (value: number | string) => (value === '' ? undefined : Number(value));
const pad = (n: number) => String(n).padStart(2, '0');

/** A date and time typed in the viewer's zone as an instant; none typed: undefined (the server takes now). A time alone is today's. */
function instantOf(date: string, time: string, timeZone: string): string | undefined {
  if (!date && !time) return undefined;
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return new Date(wallToInstant(date || dateIn(Date.now(), timeZone), hours * 60 + minutes, timeZone)).toISOString();
}

/**
 * Enter a vital sign, or correct one (the old one is kept, marked entered in error). Values go to
 * the server as typed, in the unit chosen; it converts them and refuses impossible ones at their field.
 */
export function ReadingForm(props: ReadingFormProps) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.correcting ? `Correct ${KINDS[props.correcting.kind].label.toLowerCase()}` : 'Add a reading'} centered>
      {props.opened && <ReadingFields key={props.correcting?.id ?? 'new'} {...props} />}
    </Modal>
  );
}

function ReadingFields({ sessionId, participants, defaultParticipantId, units, viewerTimeZone, correcting, onClose }: ReadingFormProps) {
  const add = useAddReading(sessionId);
  const correct = useCorrectReading(sessionId);
  const [formError, setFormError] = useState('');
  const kind: ReadingKind = correcting?.kind ?? 'blood_pressure';
  const form = useForm<Values>({
    initialValues: {
      participantId: correcting?.participantId ?? defaultParticipantId ?? participants[0]?.id ?? '',
      kind,
      value: '',
      components: { systolic: '', diastolic: '' },
      unit: displayUnit(kind, units),
      date: correcting ? dateIn(correcting.effectiveAt, viewerTimeZone) : '',
      time: correcting ? `${pad(Math.floor(minutesOfDay(correcting.effectiveAt, viewerTimeZone) / 60))}:${pad(minutesOfDay(correcting.effectiveAt, viewerTimeZone) % 60)}` : '',
    },
    onValuesChange: (values, previous) => {
      if (values.kind !== previous.kind) form.setFieldValue('unit', displayUnit(values.kind, units));
    },
  });
  const values = form.getValues();
  const isBp = values.kind === 'blood_pressure';
  const zone = zoneLabel(viewerTimeZone);
  const pending = add.isPending || correct.isPending;

  async function submit() {
    setFormError('');
    const body = {
      ...(isBp ? { components: { systolic: asNumber(values.components.systolic)!, diastolic: asNumber(values.components.diastolic)! } } : { value: asNumber(values.value) }),
      unit: values.unit,
      effectiveAt: instantOf(values.date, values.time, viewerTimeZone),
    };
    try {
      if (correcting) await correct.mutateAsync({ readingId: correcting.id, ...body });
      else await add.mutateAsync({ ...body, kind: values.kind, participantId: values.participantId || undefined });
      onClose();
    } catch (error) {
      if (!(error instanceof ApiError)) return setFormError('Something went wrong. Please try again.');
      if (error.code === 'unauthenticated') return;
      const errors = error.problem.errors ?? [];
      // The time is typed as a date and a time in the viewer's zone: its error goes under the time.
      if (errors.length > 0) form.setErrors(Object.fromEntries(errors.map((e) => [e.path === 'effectiveAt' ? 'time' : e.path === 'components' ? 'components.systolic' : e.path, e.message])));
      else setFormError(error.message);
    }
  }

  return (
    <form onSubmit={form.onSubmit(() => void submit())} noValidate>
      <Stack gap="sm">
        {formError && (
          <Alert color="red" role="alert">
            {formError}
          </Alert>
        )}
        {!correcting && participants.length > 1 && (
          <Select label="Whose reading" data={participants.map((p) => ({ value: p.id, label: p.name }))} allowDeselect={false} {...form.getInputProps('participantId')} />
        )}
        {!correcting && <Select label="Kind" searchable data={READING_KINDS.map((k) => ({ value: k, label: KINDS[k].label }))} allowDeselect={false} {...form.getInputProps('kind')} />}
        {isBp ? (
          <Group grow align="flex-start">
            <NumberInput label="Systolic" required decimalScale={2} {...form.getInputProps('components.systolic')} />
            <NumberInput label="Diastolic" required decimalScale={2} {...form.getInputProps('components.diastolic')} />
          </Group>
        ) : (
          <NumberInput label="Value" required decimalScale={3} {...form.getInputProps('value')} />
        )}
        <Select label="Unit" data={acceptedUnits(values.kind).map((u) => ({ value: u, label: unitLabel(u) }))} allowDeselect={false} {...form.getInputProps('unit')} />
        <Group grow align="flex-start">
          <TextInput type="date" label={`Measured on (${zone})`} {...form.getInputProps('date')} />
          <TextInput type="time" label={`at (${zone})`} {...form.getInputProps('time')} />
        </Group>
        <Text size="xs" c="dimmed">
          {correcting ? 'The old reading stays, struck through and marked entered in error.' : 'Leave the time empty for now.'}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={pending}>
            {correcting ? 'Save correction' : 'Add reading'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
