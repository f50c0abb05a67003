import { Button, Group, Stack, Switch, Table, Text, Tooltip } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconCopy, IconPlus } from '@tabler/icons-react';
import { WEEKDAY_NAMES, type WorkHours } from '../../../shared/work-hours';
import { TimeRangeFields } from './TimeRangeFields';
import { nextRange } from './times';

const WORKDAYS = [1, 2, 3, 4, 5];

/** Seven days, each on or off with its ranges; the form keeps one flat `weekly` list. */
export function WeekEditor({ form }: { readonly form: UseFormReturnType<WorkHours> }) {
  const weekly = form.getValues().weekly;
  const rangesOf = (weekday: number) =>
    weekly.map((range, index) => ({ range, index })).filter((entry) => entry.range.weekday === weekday);

  const setDayOn = (weekday: number, on: boolean) =>
    form.setFieldValue(
      'weekly',
      on ? [...weekly, { weekday, ...nextRange(undefined) }] : weekly.filter((r) => r.weekday !== weekday),
    );
  const addRange = (weekday: number) => {
    const last = rangesOf(weekday).at(-1)?.range;
    form.setFieldValue('weekly', [...weekly, { weekday, ...nextRange(last) }]);
  };
  const copyToWorkdays = (weekday: number) => {
    const source = rangesOf(weekday).map(({ range }) => ({ start: range.start, end: range.end }));
    const kept = weekly.filter((r) => !WORKDAYS.includes(r.weekday));
    form.setFieldValue('weekly', [...kept, ...WORKDAYS.flatMap((day) => source.map((r) => ({ weekday: day, ...r })))]);
  };

  return (
    <Table verticalSpacing="sm" aria-label="Weekly hours">
      <Table.Tbody>
        {WEEKDAY_NAMES.map((name, i) => {
          const weekday = i + 1;
          const ranges = rangesOf(weekday);
          return (
            <Table.Tr key={name}>
              <Table.Td w={170} style={{ verticalAlign: 'top' }}>
                <Switch
                  mt={6}
                  label={name}
                  checked={ranges.length > 0}
                  onChange={(event) => setDayOn(weekday, event.currentTarget.checked)}
                />
              </Table.Td>
              <Table.Td>
                {ranges.length === 0 ? (
                  <Text c="dimmed" size="sm" pt={6}>
                    Unavailable
                  </Text>
                ) : (
                  <Stack gap="xs">
                    {ranges.map(({ index }, n) => (
                      <TimeRangeFields
                        key={index}
                        form={form}
                        path={`weekly.${index}`}
                        label={`${name}, hours ${n + 1}`}
                        onRemove={() => form.removeListItem('weekly', index)}
                      />
                    ))}
                  </Stack>
                )}
              </Table.Td>
              <Table.Td w={220} style={{ verticalAlign: 'top' }}>
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  <Button
                    variant="subtle"
                    size="xs"
                    leftSection={<IconPlus size={14} aria-hidden="true" />}
                    onClick={() => addRange(weekday)}
                    aria-label={`Add hours on ${name}`}
                  >
                    Add hours
                  </Button>
                  <Tooltip label="Copy to Monday–Friday">
                    <Button
                      variant="subtle"
                      size="xs"
                      color="gray"
                      leftSection={<IconCopy size={14} aria-hidden="true" />}
                      onClick={() => copyToWorkdays(weekday)}
                      aria-label={`Copy ${name} to all weekdays`}
                    >
                      Copy
                    </Button>
                  </Tooltip>
                </Group>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
