import { Alert, Anchor, Button, Code, Group, Paper, SegmentedControl, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { DEFAULT_SCOPES, type EhrConnection, type EhrStatus } from '../../../shared/ehr';
import { api } from '../../api/client';
import { useCurrentUser } from '../../auth/sign-in';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { QueryState } from '../../components/QueryState/QueryState';
import { UnsavedChangesPrompt } from '../../components/UnsavedChangesPrompt/UnsavedChangesPrompt';
import { applyServerErrors } from '../../lib/form-errors';
import { MEDCART_KEY } from '../session/medcart/medcart-api';
import { EhrStatusLine } from '../session/medcart/EhrStatusLine';
import { formatMoment } from '../../lib/format-moment';

const CONNECTION_KEY = ['ehr-connection'] as const;

/**
 * The organization's EHR (administrators): its FHIR R4 address, the client id it gave Carebeam and
 * the scopes; Carebeam's signing key and the JWKS address to register with the EHR; Test connection.
 */
export function EhrPage() {
  const connection = useQuery({ queryKey: CONNECTION_KEY, queryFn: () => api<EhrConnection>('/ehr/connection') });
  return (
    <>
      <PageHeader title="EHR connection" description="Send sessions to your EHR as FHIR R4, authorized with SMART Backend Services." />
      <QueryState query={connection}>{connection.data && <EhrSettings connection={connection.data} />}</QueryState>
    </>
  );
}

function EhrSettings({ connection }: { readonly connection: EhrConnection }) {
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState('');
  const settings = connection.settings;
  const form = useForm({
    initialValues: {
      name: settings?.name ?? '',
      fhirBaseUrl: settings?.fhirBaseUrl ?? '',
      clientId: settings?.clientId ?? '',
      scopes: settings?.scopes ?? DEFAULT_SCOPES,
      algorithm: settings?.algorithm ?? 'ES384',
      autoSend: settings?.autoSend ?? false,
    },
  });
  // The MedCart tabs show the connection's status line: they reload it.
  const saved = (next: EhrConnection) => {
    queryClient.setQueryData(CONNECTION_KEY, next);
    void queryClient.invalidateQueries({ queryKey: MEDCART_KEY });
  };
  const save = useMutation({
    mutationFn: (values: typeof form.values) => api<EhrConnection>('/ehr/connection', { method: 'PUT', body: values }),
    onSuccess: (next) => {
      saved(next);
      form.resetDirty();
      notifications.show({ color: 'teal', title: 'EHR connection saved', message: 'Test it to check that the EHR accepts Carebeam.' });
    },
    onError: (error) => setFormError(applyServerErrors(form, error)),
  });
  const test = useMutation({
    mutationFn: () => api<EhrStatus>('/ehr/connection/test', { method: 'POST' }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: CONNECTION_KEY });
      void queryClient.invalidateQueries({ queryKey: MEDCART_KEY });
    },
  });
  const rotate = useMutation({ mutationFn: () => api<EhrConnection>('/ehr/connection/key', { method: 'POST' }), onSuccess: saved });

  return (
    <Stack gap="lg" maw={720}>
      <EhrStatusLine status={connection.status} viewerTimeZone={me.timeZone} isAdmin={false} />
      {!connection.keySecretConfigured && (
        <Alert color="red" title="EHR_KEY_SECRET is not set">
          Carebeam keeps its signing key encrypted with this server setting. Ask whoever runs Carebeam to set it, then come back.
        </Alert>
      )}
      <Paper withBorder radius="md" p="lg">
        <UnsavedChangesPrompt when={form.isDirty() && !save.isPending} />
        <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
          <Stack gap="md">
            {formError && (
              <Alert color="red" role="alert">
                {formError}
              </Alert>
            )}
            <TextInput label="EHR name" description="As the MedCart tab names it, e.g. “Riverside Epic”." required {...form.getInputProps('name')} />
            <TextInput label="FHIR base URL" description="The FHIR R4 server’s address; its token endpoint is found at <base>/.well-known/smart-configuration." required placeholder="https://ehr.example.org/fhir/r4" {...form.getInputProps('fhirBaseUrl')} />
            <TextInput label="Client ID" description="The id the EHR gave Carebeam when you registered it as a backend service." required {...form.getInputProps('clientId')} />
            <TextInput label="Scopes" required {...form.getInputProps('scopes')} />
            <Stack gap={4}>
              <Text size="sm" fw={500} id="algorithm-label">
                Signing algorithm
              </Text>
              <SegmentedControl aria-labelledby="algorithm-label" data={['ES384', 'RS384']} {...form.getInputProps('algorithm')} />
              <Text size="xs" c="dimmed">
                Changing it makes a new key pair.
              </Text>
            </Stack>
            <Switch label="Send each session to the EHR when it completes" {...form.getInputProps('autoSend', { type: 'checkbox' })} />
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending} disabled={!form.isDirty() || !connection.keySecretConfigured}>
                Save
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      {settings && (
        <Paper withBorder radius="md" p="lg">
          <Stack gap="sm">
            <Title order={3} size="h4">
              Carebeam’s key
            </Title>
            <Text size="sm">
              Register this JWKS address with the EHR for client <Code>{settings.clientId}</Code>:{' '}
              <Anchor href={connection.jwksUrl} target="_blank" rel="noreferrer">
                {connection.jwksUrl}
              </Anchor>
            </Text>
            {connection.key && (
              <Text size="sm" c="dimmed">
                Key <Code>{connection.key.kid}</Code> ({connection.key.algorithm}), made {formatMoment(connection.key.createdAt, me.timeZone)}. The private key never leaves Carebeam.
              </Text>
            )}
            {settings.tokenUrl && (
              <Text size="sm" c="dimmed">
                Token endpoint: <Code>{settings.tokenUrl}</Code>
              </Text>
            )}
            <Group gap="sm">
              <Button onClick={() => test.mutate()} loading={test.isPending} disabled={form.isDirty()}>
                Test connection
              </Button>
              <Button variant="default" onClick={() => rotate.mutate()} loading={rotate.isPending}>
                Make a new key
              </Button>
            </Group>
            {test.data && (
              <Alert color={test.data.lastCheckOk ? 'teal' : 'red'} role="status" title={test.data.lastCheckOk ? 'Connected' : 'The test failed'}>
                {test.data.lastCheckDetail}
              </Alert>
            )}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
