import { Alert, Button, Group, Text } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { AuditChain } from '../../../shared/audit';
import { api } from '../../api/client';
import { formatMoment } from '../../lib/format-moment';

/**
 * The tamper check: every event carries the hash of the one before it, so a row changed or
 * deleted in the database breaks the chain there. Walking the whole trail takes a while on a
 * large one, so it runs when asked.
 */
export function ChainCheck({ timeZone }: { readonly timeZone: string }) {
  const [asked, setAsked] = useState(false);
  const chain = useQuery({ queryKey: ['audit', 'chain'], queryFn: () => api<AuditChain>('/audit/chain'), enabled: asked, staleTime: 0 });
  const checkedAt = chain.dataUpdatedAt ? formatMoment(new Date(chain.dataUpdatedAt).toISOString(), timeZone) : null;
  return (
    <Group justify="space-between" align="center" gap="md" wrap="nowrap">
      <div role="status" style={{ flex: 1 }}>
        {chain.data?.intact === true && (
          <Text size="sm">
            The trail is intact: {chain.data.rows.toLocaleString()} events checked, each linked to the one before it ({checkedAt}).
          </Text>
        )}
        {chain.data?.intact === false && chain.data.firstBroken && (
          <Alert color="red" variant="light" title="The trail was changed outside Carebeam">
            Event {chain.data.firstBroken.seq.toLocaleString()} (row {chain.data.firstBroken.id}): {chain.data.firstBroken.reason}. The{' '}
            {chain.data.rows.toLocaleString()} events before it are intact. Keep a copy of the database as it is and tell whoever runs it.
          </Alert>
        )}
        {!chain.data && (
          <Text size="sm" c="dimmed">
            Each event carries the fingerprint of the one before it, so a change made directly in the database shows here.
          </Text>
        )}
      </div>
      <Button variant="default" leftSection={<IconShieldCheck size={16} aria-hidden="true" />} loading={chain.isFetching} onClick={() => (asked ? void chain.refetch() : setAsked(true))}>
        Check the trail
      </Button>
    </Group>
  );
}
