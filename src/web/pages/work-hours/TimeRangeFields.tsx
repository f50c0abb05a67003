import { ActionIcon, Group, Select, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconTrash } from '@tabler/icons-react';
import type { WorkHours } from '../../../shared/work-hours';
import { useOptionsOnFocus } from '../../lib/useOptionsOnFocus';
import { timeOptions } from './times';

export interface TimeRangeFieldsProps {
  readonly form: UseFormReturnType<WorkHours>;
  /** Form path of the range, e.g. `weekly.3` or `overrides.0.ranges.1`. */
  readonly path: string;
  /** Spoken context for the controls, e.g. "Monday, range 2". */
  readonly label: string;
  readonly onRemove: () => void;
}

export function TimeRangeFields({ form, path, label, onRemove }: TimeRangeFieldsProps) {
  const start = form.getInputProps(`${path}.start`);
  const end = form.getInputProps(`${path}.end`);
  const startOptions = useOptionsOnFocus(start.onFocus);
  const endOptions = useOptionsOnFocus(end.onFocus);
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap">
      <Select
        aria-label={`${label} start`}
        data={timeOptions('start', String(start.value ?? ''))}
        searchable
        allowDeselect={false}
        w={110}
        {...start}
        {...startOptions}
      />
      <Text c="dimmed" pt={6} aria-hidden="true">
        –
      </Text>
      <Select
        aria-label={`${label} end`}
        data={timeOptions('end', String(end.value ?? ''))}
        searchable
        allowDeselect={false}
        w={170}
        {...end}
        {...endOptions}
      />
      <ActionIcon variant="subtle" color="gray" mt={4} aria-label={`Remove ${label}`} onClick={onRemove}>
        <IconTrash size={16} aria-hidden="true" />
      </ActionIcon>
    </Group>
  );
}
