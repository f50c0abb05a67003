import { ActionIcon, Button, Group, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import type { UseFormReturnType } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { WorkHours } from '../../../shared/work-hours';
import { TimeRangeFields } from './TimeRangeFields';
import { formatDate, nextRange } from './times';

/** Dates that differ from the weekly pattern: a day off, or their own hours. */
export function OverridesEditor({ form }: { readonly form: UseFormReturnType<WorkHours> }) {
  const overrides = form.getValues().overrides;

  const addDate = (date: string | null) => {
    if (!date || overrides.some((o) => o.date === date)) return;
    form.setFieldValue('overrides', [...overrides, { date, ranges: [] }].sort((a, b) => (a.date < b.date ? -1 : 1)));
  };

  return (
    <Stack gap="sm">
      <DatePickerInput
        label="Add a date"
        description="A holiday, a day off, or a day with different hours."
        placeholder="Pick a date"
        value={null}
        onChange={addDate}
        valueFormat="ddd, MMM D, YYYY"
        excludeDate={(date) => overrides.some((o) => o.date === date)}
        w={280}
      />
      {overrides.length === 0 && (
        <Text c="dimmed" size="sm">
          No date overrides.
        </Text>
      )}
      {overrides.map((override, index) => {
        const dayOff = override.ranges.length === 0;
        const label = formatDate(override.date);
        return (
          <Paper key={override.date} withBorder p="sm" radius="md">
            <Group justify="space-between" align="flex-start">
              <Stack gap="xs">
                <Group gap="md">
                  <Text fw={500} w={140}>
                    {label}
                  </Text>
                  <SegmentedControl
                    size="xs"
                    aria-label={`${label}: unavailable or own hours`}
                    value={dayOff ? 'off' : 'hours'}
                    data={[
                      { value: 'off', label: 'Unavailable' },
                      { value: 'hours', label: 'Own hours' },
                    ]}
                    onChange={(value) => form.setFieldValue(`overrides.${index}.ranges`, value === 'off' ? [] : [nextRange(undefined)])}
                  />
                </Group>
                {form.getInputProps(`overrides.${index}.date`).error && (
                  <Text c="red" size="xs">
                    {String(form.getInputProps(`overrides.${index}.date`).error)}
                  </Text>
                )}
                {override.ranges.map((_, rangeIndex) => (
                  <TimeRangeFields
                    key={rangeIndex}
                    form={form}
                    path={`overrides.${index}.ranges.${rangeIndex}`}
                    label={`${label}, hours ${rangeIndex + 1}`}
                    onRemove={() => form.removeListItem(`overrides.${index}.ranges`, rangeIndex)}
                  />
                ))}
                {!dayOff && (
                  <Button
                    variant="subtle"
                    size="xs"
                    w="fit-content"
                    leftSection={<IconPlus size={14} aria-hidden="true" />}
                    onClick={() => form.insertListItem(`overrides.${index}.ranges`, nextRange(override.ranges.at(-1)))}
                  >
                    Add hours
                  </Button>
                )}
              </Stack>
              <ActionIcon variant="subtle" color="gray" aria-label={`Remove the override on ${label}`} onClick={() => form.removeListItem('overrides', index)}>
                <IconTrash size={16} aria-hidden="true" />
              </ActionIcon>
            </Group>
          </Paper>
        );
      })}
    </Stack>
  );
}
