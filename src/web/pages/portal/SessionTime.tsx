import { Button, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { TimeZoneSelect } from '../../components/TimeZoneSelect/TimeZoneSelect';
import { formatSessionTime, zoneLabel } from '../../../shared/format';
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

  return (
    <Stack gap="sm">
      <Text size="lg" fw={600} aria-live="polite">
        {formatSessionTime(start, end, zone)}
      </Text>
      <TimeZoneSelect
        label="Show times in"
        size="md"
        value={zone}
        onChange={(next) => next && choose(next)}
      />
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
