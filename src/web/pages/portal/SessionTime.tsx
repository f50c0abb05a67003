import { Button, NativeSelect, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { formatSessionTime, zoneLabel } from '../../../shared/format';
import { timeZoneOption, timeZoneOptions } from '../../lib/time-zones';
import { useAfterFirstPaint } from '../../lib/useAfterFirstPaint';
import { deviceTimeZone, useShownTimeZone } from './useShownTimeZone';

export interface SessionTimeProps {
  readonly start: string;
  readonly end: string;
  readonly participant: { readonly id: string; readonly timeZone: string };
}

/** When the session is, in the zone the participant chose (their own by default), zone named. */
export function SessionTime({ start, end, participant }: SessionTimeProps) {
  const [zone, choose] = useShownTimeZone(participant);
  const [deviceZone] = useState(deviceTimeZone);
  // Labelling ~400 zones with their offsets took longer on a slow phone than drawing the rest of
  // the page: the picker holds the shown zone alone until the page has painted.
  const allZones = useAfterFirstPaint();

  return (
    <Stack gap="sm">
      <Text size="lg" fw={600} aria-live="polite">
        {formatSessionTime(start, end, zone)}
      </Text>
      {/* The browser's own picker (a phone's wheel or list), not the staff app's searchable
          one: its popover and scroll area were a tenth of this page's first download. */}
      <NativeSelect label="Show times in" size="md" data={allZones ? timeZoneOptions() : [timeZoneOption(zone)]} value={zone} onChange={(event) => choose(event.currentTarget.value)} />
      {deviceZone && deviceZone !== zone && (
        <Stack gap={4}>
          <Button variant="light" size="md" fullWidth onClick={() => choose(deviceZone)}>
            Use this device's time zone
          </Button>
          <Text size="sm" c="dimmed">
            This device is set to {zoneLabel(deviceZone, start)}.
          </Text>
        </Stack>
      )}
    </Stack>
  );
}

