import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { QueryState } from '../../components/QueryState/QueryState';
import { formatMoment } from '../../lib/format-moment';
import { useEndOtherSignIns, useSignIns } from './api';

export interface SignInsListProps {
  readonly timeZone: string;
}

/** Where I am signed in, with "Sign out everywhere else". */
export function SignInsList({ timeZone }: SignInsListProps) {
  const signIns = useSignIns();
  const endOthers = useEndOtherSignIns();
  const others = (signIns.data ?? []).filter((s) => !s.current).length;
  return (
    <Stack gap="sm">
      <QueryState query={signIns} empty={false}>
        <Table.ScrollContainer minWidth={520}>
          <Table verticalSpacing="xs" aria-label="Active sign-ins">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Device</Table.Th>
                <Table.Th>Address</Table.Th>
                <Table.Th>Signed in</Table.Th>
                <Table.Th>Last active</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(signIns.data ?? []).map((s) => (
                <Table.Tr key={`${s.createdAt}-${s.lastSeenAt}-${s.browser}-${String(s.current)}`}>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Text size="sm">{s.browser}</Text>
                      {s.current && (
                        <Badge size="sm" variant="light" color="teal">
                          This device
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{s.address ?? '—'}</Table.Td>
                  <Table.Td>{formatMoment(s.createdAt, timeZone)}</Table.Td>
                  <Table.Td>{formatMoment(s.lastSeenAt, timeZone)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </QueryState>
      <Group>
        <Button
          variant="light"
          color="red"
          disabled={others === 0}
          loading={endOthers.isPending}
          onClick={() =>
            endOthers.mutate(undefined, {
              onSuccess: ({ ended }) => notifications.show({ color: 'teal', message: ended === 1 ? 'One other sign-in ended.' : `${ended} other sign-ins ended.` }),
            })
          }
        >
          Sign out everywhere else
        </Button>
      </Group>
    </Stack>
  );
}
