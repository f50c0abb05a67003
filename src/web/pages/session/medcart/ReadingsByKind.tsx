import { Badge, Button, Group, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import type { SendState } from '../../../../shared/ehr';
import type { Reading } from '../../../../shared/medcart';
import { displayNumber, displayUnit, formatReading, KINDS, READING_KINDS, type ReadingKind, unitLabel, type UnitSystem } from '../../../../shared/vitals';
import { formatMoment } from '../../../lib/format-moment';
import { asSent, sourceOf } from './reading-text';
import { SendStateBadge } from './SendStateBadge';
import { TrendChart } from './TrendChart';

export interface ReadingsByKindProps {
  readonly readings: Reading[];
  /** The participants' readings from earlier sessions, for the trend. */
  readonly earlier: Reading[];
  readonly units: UnitSystem;
  readonly viewerTimeZone: string;
  readonly sendStates: Map<string, SendState> | null;
  readonly onCorrect: (reading: Reading) => void;
}

function trendLabel(kind: ReadingKind, points: Reading[], units: UnitSystem): string {
  const values = points.flatMap((r) => (r.components ? [r.components.systolic] : [r.value!])).map((v) => displayNumber(kind, v, units));
  const sessions = new Set(points.map((r) => r.sessionId)).size;
  const range = Math.min(...values) === Math.max(...values) ? `${values[0]}` : `${Math.min(...values)} to ${Math.max(...values)}`;
  const what = kind === 'blood_pressure' ? 'systolic ' : '';
  return `${KINDS[kind].label} over ${sessions} session${sessions === 1 ? '' : 's'}: ${what}${range} ${unitLabel(displayUnit(kind, units))}`;
}

/** Every reading of the session by kind: a small trend (with earlier sessions) and a table; corrected ones struck through. */
export function ReadingsByKind({ readings, earlier, units, viewerTimeZone, sendStates, onCorrect }: ReadingsByKindProps) {
  const kinds = READING_KINDS.filter((kind) => readings.some((r) => r.kind === kind));
  return (
    <Stack gap="md">
      {kinds.map((kind) => {
        const rows = readings.filter((r) => r.kind === kind);
        const trend = [...earlier.filter((r) => r.kind === kind), ...rows.filter((r) => r.status === 'final')].sort((a, b) => a.effectiveAt.localeCompare(b.effectiveAt));
        const current = new Set(rows.map((r) => r.id));
        const previous = trend.filter((r) => !current.has(r.id)).length;
        return (
          <Paper key={kind} withBorder radius="md" p="sm" component="section" aria-labelledby={`readings-${kind}`}>
            <Group justify="space-between" align="flex-start" mb="xs" wrap="wrap">
              <Stack gap={2}>
                <Title order={4} id={`readings-${kind}`}>
                  {KINDS[kind].label}
                </Title>
                <Text size="xs" c="dimmed">
                  LOINC {KINDS[kind].loinc} · {previous > 0 ? `with ${previous} reading${previous === 1 ? '' : 's'} from earlier sessions (grey)` : 'this session only'}
                </Text>
              </Stack>
              {trend.length > 1 && (
                <Stack gap={2} align="flex-end">
                  <TrendChart
                    label={trendLabel(kind, trend, units)}
                    points={trend.map((r) => ({ at: Date.parse(r.effectiveAt), values: (r.components ? [r.components.systolic, r.components.diastolic] : [r.value!]).map((v) => displayNumber(kind, v, units)), current: current.has(r.id), flagged: r.flag !== null }))}
                  />
                  {/* The chart's own label, for eyes: a screen reader has read it already. */}
                  <Text size="xs" c="dimmed" aria-hidden="true">
                    {trendLabel(kind, trend, units)}
                  </Text>
                </Stack>
              )}
            </Group>
            <Table.ScrollContainer minWidth={560}>
              <Table verticalSpacing={4} fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Measured</Table.Th>
                    <Table.Th>Value</Table.Th>
                    <Table.Th>Source</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th>
                      <VisuallyHidden>Actions</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((reading) => {
                    const wrong = reading.status === 'entered-in-error';
                    const sent = asSent(reading, displayUnit(kind, units));
                    return (
                      <Table.Tr key={reading.id} c={wrong ? 'dimmed' : undefined}>
                        <Table.Td>
                          <time dateTime={reading.effectiveAt}>{formatMoment(reading.effectiveAt, viewerTimeZone)}</time>
                        </Table.Td>
                        <Table.Td td={wrong ? 'line-through' : undefined}>
                          {formatReading(reading, units)}
                          {sent && (
                            <Text span size="xs" c="dimmed">
                              {' '}
                              ({sent})
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>{sourceOf(reading)}</Table.Td>
                        <Table.Td>
                          <Group gap={4}>
                            {wrong && <Badge size="xs" color="gray">Entered in error</Badge>}
                            {reading.corrects && <Badge size="xs" color="blue" variant="light">Correction</Badge>}
                            {reading.flag && !wrong && <Badge size="xs" color={reading.flag === 'high' ? 'red' : 'orange'}>{reading.flag === 'high' ? 'High' : 'Low'}</Badge>}
                            {sendStates && <SendStateBadge state={sendStates.get(reading.id)} />}
                          </Group>
                        </Table.Td>
                        <Table.Td ta="right">
                          {!wrong && (
                            <Button size="compact-xs" variant="subtle" onClick={() => onCorrect(reading)} aria-label={`Correct the ${KINDS[kind].label.toLowerCase()} reading of ${formatMoment(reading.effectiveAt, viewerTimeZone)}`}>
                              Correct
                            </Button>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        );
      })}
    </Stack>
  );
}
