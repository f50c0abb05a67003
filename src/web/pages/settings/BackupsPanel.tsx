import { Alert, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Backup, BackupList } from '../../../shared/backups';
import { api, ApiError } from '../../api/client';
import { QueryState } from '../../components/QueryState/QueryState';
import { fileSize } from '../../lib/file-size';
import { formatMoment } from '../../lib/format-moment';

const KEY = ['admin', 'backups'];

/** The server's backups of its embedded database (administrators): when they ran, and "Back up now". */
export function BackupsPanel({ timeZone }: { readonly timeZone: string }) {
  const queryClient = useQueryClient();
  const backups = useQuery({ queryKey: KEY, queryFn: () => api<BackupList>('/admin/backups') });
  const create = useMutation({
    mutationFn: () => api<Backup>('/admin/backups', { method: 'POST' }),
    onSuccess: (backup) => {
      void queryClient.invalidateQueries({ queryKey: KEY });
      notifications.show({ color: 'teal', title: 'Backup written', message: `${backup.name} (${fileSize(backup.bytes)})` });
    },
  });
  return (
    <Paper withBorder radius="md" p="lg" maw={560} mt="lg" component="section" aria-labelledby="backups-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="backups-title">
          Backups
        </Title>
        <QueryState query={backups}>
          {backups.data && (
            <>
              <Text size="sm" c="dimmed">
                {backups.data.available
                  ? `The database and stored files of the whole server${backups.data.intervalHours ? `, every ${backups.data.intervalHours} hours` : ''}; the newest ${backups.data.keep} are kept.`
                  : 'This server makes no backups itself: on PostgreSQL the operator runs “npm run carebeam -- backup”; an embedded database needs BACKUP_DIR.'}
              </Text>
              {create.error && (
                <Alert color="red" role="alert">
                  {create.error instanceof ApiError ? create.error.message : 'The backup failed. Try again.'}
                </Alert>
              )}
              {backups.data.items.length > 0 && (
                <Table aria-label="Backups">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Made</Table.Th>
                      <Table.Th>Size</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {backups.data.items.map((backup) => (
                      <Table.Tr key={backup.name}>
                        <Table.Td>{formatMoment(backup.createdAt, timeZone)}</Table.Td>
                        <Table.Td>{fileSize(backup.bytes)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
              {backups.data.available && (
                <Group justify="flex-end">
                  <Button variant="default" loading={create.isPending} onClick={() => create.mutate()}>
                    Back up now
                  </Button>
                </Group>
              )}
            </>
          )}
        </QueryState>
      </Stack>
    </Paper>
  );
}
