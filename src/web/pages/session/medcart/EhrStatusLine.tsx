import { Alert, Anchor, Text } from '@mantine/core';
import { IconPlugConnected, IconPlugConnectedX } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { EhrStatus } from '../../../../shared/ehr';
import { formatMoment } from '../../../lib/format-moment';

export interface EhrStatusLineProps {
  readonly status: EhrStatus;
  readonly viewerTimeZone: string;
  /** Administrators get a link to set the connection up or fix it. */
  readonly isAdmin: boolean;
}

/** Whether the organization has an EHR connection, and what its last check found. */
export function EhrStatusLine({ status, viewerTimeZone, isAdmin }: EhrStatusLineProps) {
  const settings = isAdmin ? (
    <Anchor component={Link} to="/ehr" size="sm" ml={4}>
      {status.connected ? 'EHR settings' : 'Set up an EHR connection'}
    </Anchor>
  ) : null;
  if (!status.connected) {
    return (
      <Alert variant="light" color="gray" icon={<IconPlugConnectedX size={18} aria-hidden="true" />} role="status">
        <Text size="sm" span>
          No EHR connection.
        </Text>
        {settings}
      </Alert>
    );
  }
  const checked = status.lastCheckedAt ? formatMoment(status.lastCheckedAt, viewerTimeZone) : null;
  if (status.lastCheckOk) {
    return (
      <Alert variant="light" color="teal" icon={<IconPlugConnected size={18} aria-hidden="true" />} role="status">
        <Text size="sm" span>
          EHR connection established with {status.name}, last checked {checked}.
        </Text>
        {settings}
      </Alert>
    );
  }
  return (
    <Alert variant="light" color={status.lastCheckOk === false ? 'red' : 'yellow'} icon={<IconPlugConnectedX size={18} aria-hidden="true" />} role="status">
      <Text size="sm" span>
        {status.lastCheckOk === false ? `The EHR connection with ${status.name} failed its last check, ${checked}: ${status.lastCheckDetail ?? ''}` : `An EHR connection with ${status.name} is set up but not tested yet.`}
      </Text>
      {settings}
    </Alert>
  );
}
