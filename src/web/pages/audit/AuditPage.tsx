import { Anchor, Badge, Button, Center, Group, Paper, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import type { AuditItem, AuditPage as Page } from '../../../shared/audit';
import { api } from '../../api/client';
import { useCurrentUser } from '../../auth/sign-in';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { QueryState } from '../../components/QueryState/QueryState';
import { formatMoment } from '../../lib/format-moment';
import { describeEvent } from './actions';
import { apiFilters, type FilterKey } from './audit-query';
import { AuditFilters } from './AuditFilters';
import { ChainCheck } from './ChainCheck';

const OUTCOME = { denied: { color: 'orange', label: 'Denied' }, failed: { color: 'red', label: 'Failed' } } as const;

/** Who did what, about which patients: the organization's audit trail, for administrators. */
export function AuditPage() {
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const filters = apiFilters(params, me.timeZone);
  const events = useInfiniteQuery({
    queryKey: ['audit', filters.toString()],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams(filters);
      if (pageParam) query.set('cursor', pageParam);
      return api<Page>(`/audit?${query}`);
    },
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = events.data?.pages.flatMap((page) => page.items) ?? [];
  const set = (changes: Partial<Record<FilterKey, string | null>>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [key, value] of Object.entries(changes)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      return next;
    });
  const sessionTitle = items.find((item) => item.sessionId === params.get('sessionId'))?.session?.title ?? null;

  return (
    <>
      <PageHeader
        title="Audit"
        description="Who did what, about which patients and sessions, newest first."
        actions={
          <Button component="a" href={`/api/audit/export.csv?${filters}`} download variant="default" leftSection={<IconDownload size={16} aria-hidden="true" />}>
            Export CSV
          </Button>
        }
      />
      <Paper withBorder radius="md" p="md" mb="md">
        <ChainCheck timeZone={me.timeZone} />
      </Paper>
      <Paper withBorder radius="md" p="md">
        <AuditFilters params={params} timeZone={me.timeZone} set={set} sessionTitle={sessionTitle} />
        <QueryState query={events} empty={items.length === 0} emptyMessage="No events match these filters.">
          <Stack gap={0} component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Audit events">
            {items.map((item) => (
              <EventRow key={item.id} item={item} timeZone={me.timeZone} onSession={(sessionId) => set({ sessionId })} />
            ))}
          </Stack>
          {events.hasNextPage && (
            <Center mt="md">
              <Button variant="light" onClick={() => void events.fetchNextPage()} loading={events.isFetchingNextPage}>
                Load more
              </Button>
            </Center>
          )}
        </QueryState>
      </Paper>
    </>
  );
}

function EventRow({ item, timeZone, onSession }: { item: AuditItem; timeZone: string; onSession: (sessionId: string) => void }) {
  const outcome = item.outcome === 'success' ? null : OUTCOME[item.outcome];
  return (
    <Group component="li" justify="space-between" wrap="nowrap" gap="md" py="sm" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
      <Stack gap={2}>
        <Text size="sm">{describeEvent(item)}</Text>
        <Group gap="xs">
          <Text size="xs" c="dimmed">
            {formatMoment(item.at, timeZone)}
          </Text>
          {item.sessionId && (
            <Anchor component="button" size="xs" onClick={() => onSession(item.sessionId!)}>
              Only this session
            </Anchor>
          )}
        </Group>
      </Stack>
      {outcome && (
        <Badge color={outcome.color} variant="light">
          {outcome.label}
        </Badge>
      )}
    </Group>
  );
}
