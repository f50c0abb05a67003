import { Badge, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { SendState } from '../../../../shared/ehr';
import type { Reading } from '../../../../shared/medcart';
import { displayUnit, formatReading, READING_KINDS, type UnitSystem } from '../../../../shared/vitals';
import { formatMoment } from '../../../lib/format-moment';
import { asSent, kindLabel, sourceOf } from './reading-text';
import { SendStateBadge } from './SendStateBadge';

export interface LatestReadingsProps {
  readonly readings: Reading[];
  readonly units: UnitSystem;
  readonly viewerTimeZone: string;
  /** The send-back state of each reading, when an EHR is connected. */
  readonly sendStates: Map<string, SendState> | null;
}

/** The latest reading of each kind in this session, as cards. */
export function LatestReadings({ readings, units, viewerTimeZone, sendStates }: LatestReadingsProps) {
  const latest = READING_KINDS.flatMap((kind) => {
    const ofKind = readings.filter((r) => r.kind === kind && r.status === 'final');
    return ofKind.length > 0 ? [ofKind.at(-1)!] : [];
  });
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" role="list" aria-label="Latest vital signs">
      {latest.map((reading) => (
        <Paper key={reading.kind} withBorder radius="md" p="sm" role="listitem" aria-label={kindLabel(reading)}>
          <Stack gap={4}>
            <Group justify="space-between" gap="xs">
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                {kindLabel(reading)}
              </Text>
              {reading.flag && (
                <Badge size="sm" color={reading.flag === 'high' ? 'red' : 'orange'} variant="filled">
                  {reading.flag === 'high' ? 'High' : 'Low'}
                </Badge>
              )}
            </Group>
            <Text fz={24} fw={600} lh={1.2}>
              {formatReading(reading, units)}
            </Text>
            {asSent(reading, displayUnit(reading.kind, units)) && (
              <Text size="xs" c="dimmed">
                {asSent(reading, displayUnit(reading.kind, units))}
              </Text>
            )}
            <Text size="xs" c="dimmed" component="time" dateTime={reading.effectiveAt}>
              {formatMoment(reading.effectiveAt, viewerTimeZone)}
            </Text>
            <Group justify="space-between" gap="xs">
              <Text size="xs">{sourceOf(reading)}</Text>
              {sendStates && <SendStateBadge state={sendStates.get(reading.id)} />}
            </Group>
          </Stack>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
