import { Alert, Anchor, Badge, Button, Group, List, Paper, Stack, Text } from '@mantine/core';
import { IconCloudUpload, IconFileDownload } from '@tabler/icons-react';
import type { EhrExport, SendState, SessionEhr } from '../../../../shared/ehr';
import type { SessionDocument } from '../../../../shared/documents';
import { ApiError } from '../../../api/client';
import { formatMoment } from '../../../lib/format-moment';
import { fhirBundleUrl, useRetrySend, useSendToEhr } from './medcart-api';
import { PatientIdentifiers } from './PatientIdentifiers';
import { SendStateBadge } from './SendStateBadge';

export interface EhrSendPanelProps {
  readonly sessionId: string;
  readonly ehr: SessionEhr;
  readonly documents: SessionDocument[];
  readonly viewerTimeZone: string;
}

const STATUS: Record<EhrExport['status'], { label: string; color: string }> = {
  queued: { label: 'Queued', color: 'blue' },
  sent: { label: 'Sent', color: 'teal' },
  failed: { label: 'Failed', color: 'red' },
};
const TRIGGER: Record<EhrExport['trigger'], string> = { manual: 'Sent', auto: 'Sent automatically when the session completed', retry: 'Retried' };

function summary(items: EhrExport['items']): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.resourceType, (counts.get(item.resourceType) ?? 0) + 1);
  return [...counts].map(([type, n]) => `${n} ${type}${n === 1 ? '' : 's'}`).join(', ');
}

/** "Send to EHR", the log of every send with its attempts and the EHR's answer, and Retry. */
export function EhrSendPanel({ sessionId, ehr, documents, viewerTimeZone }: EhrSendPanelProps) {
  const send = useSendToEhr(sessionId);
  const retry = useRetrySend(sessionId);
  const states = new Map(ehr.items.map((item) => [item.id, item.state] as [string, SendState]));
  const signed = documents.filter((d) => d.status === 'completed');
  const error = send.error ?? retry.error;

  return (
    <Stack gap="sm">
      <Group gap="sm">
        <Button leftSection={<IconCloudUpload size={16} aria-hidden="true" />} disabled={!ehr.status.connected} loading={send.isPending} onClick={() => send.mutate()}>
          Send to EHR
        </Button>
        <Anchor href={fhirBundleUrl(sessionId)} download size="sm">
          <Group gap={4}>
            <IconFileDownload size={16} aria-hidden="true" />
            Download FHIR Bundle
          </Group>
        </Anchor>
      </Group>
      {error && (
        <Alert color="red" role="alert">
          {error instanceof ApiError ? error.message : 'The send could not be queued. Please try again.'}
        </Alert>
      )}
      {signed.length > 0 && (
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Signed documents
          </Text>
          {signed.map((document) => (
            <Group key={document.id} gap="xs">
              <Text size="sm">{document.name}</Text>
              <Text size="xs" c="dimmed">
                {document.assignee.name}
              </Text>
              <SendStateBadge state={states.get(document.id)} />
            </Group>
          ))}
        </Stack>
      )}
      <PatientIdentifiers sessionId={sessionId} patients={ehr.patients} />
      <Stack gap="xs" role="list" aria-label="Sends to the EHR">
        {ehr.exports.map((item) => (
          <Paper key={item.id} withBorder radius="md" p="sm" role="listitem">
            <Group justify="space-between" align="flex-start">
              <Stack gap={2}>
                <Group gap="xs">
                  <Badge color={STATUS[item.status].color}>{STATUS[item.status].label}</Badge>
                  <Text size="sm">
                    {TRIGGER[item.trigger]}
                    {item.requestedBy ? ` by ${item.requestedBy.name}` : ''}, {formatMoment(item.createdAt, viewerTimeZone)}
                  </Text>
                </Group>
                {item.status === 'sent' && (
                  <Text size="xs" c="dimmed">
                    {summary(item.items)}
                    {item.finishedAt ? ` · done ${formatMoment(item.finishedAt, viewerTimeZone)}` : ''}
                  </Text>
                )}
                {item.status === 'queued' && item.attempts.length > 0 && item.nextAttemptAt && (
                  <Text size="xs" c="dimmed">
                    Tried {item.attempts.length} time{item.attempts.length === 1 ? '' : 's'} ({item.error}); next try {formatMoment(item.nextAttemptAt, viewerTimeZone)}
                  </Text>
                )}
                {item.status === 'failed' && (
                  <Text size="sm" c="red.8">
                    {item.error}
                  </Text>
                )}
                {item.outcome.length > 0 && (
                  <List size="xs" aria-label="The EHR’s answer">
                    {item.outcome.map((issue, index) => (
                      <List.Item key={index}>
                        {issue.severity}: {issue.diagnostics ?? issue.code}
                        {issue.expression.length > 0 ? ` (${issue.expression.join(', ')})` : ''}
                      </List.Item>
                    ))}
                  </List>
                )}
              </Stack>
              {item.status === 'failed' && (
                <Button size="xs" variant="light" loading={retry.isPending && retry.variables === item.id} onClick={() => retry.mutate(item.id)}>
                  Retry
                </Button>
              )}
            </Group>
          </Paper>
        ))}
      </Stack>
    </Stack>
  );
}
