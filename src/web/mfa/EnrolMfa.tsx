import { Alert, Button, Code, Group, List, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useConfirmEnrolment, useStartEnrolment } from './api';
import { CodeInput } from './CodeInput';
import { codeProblemText } from './problem-text';
import { QrCode } from './QrCode';
import { RecoveryCodesList } from './RecoveryCodesList';

/**
 * Setting up an authenticator app: a QR code (and the secret to type), a code from the app to
 * prove it works, then the recovery codes. Used on the account page and as the forced step.
 */
export function EnrolMfa({ onDone, doneLabel }: { readonly onDone: () => void; readonly doneLabel: string }) {
  const start = useStartEnrolment();
  const confirm = useConfirmEnrolment();
  const [code, setCode] = useState('');

  if (confirm.data) return <RecoveryCodesList codes={confirm.data.recoveryCodes} onDone={onDone} doneLabel={doneLabel} />;
  if (!start.data) {
    return (
      <Stack gap="sm" align="flex-start">
        <Text size="sm">Use an authenticator app (such as Google Authenticator, Microsoft Authenticator or 1Password) to add a code to every sign-in.</Text>
        {start.isError && (
          <Alert color="red" role="alert">
            {codeProblemText(start.error)}
          </Alert>
        )}
        <Button onClick={() => start.mutate()} loading={start.isPending}>
          Set up authenticator app
        </Button>
      </Stack>
    );
  }
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    confirm.mutate(code.replace(/\s/g, ''));
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Set up authenticator app">
      <Stack gap="sm">
        <List type="ordered" size="sm" spacing={4}>
          <List.Item>Scan this QR code with your authenticator app.</List.Item>
          <List.Item>Enter the 6-digit code the app shows.</List.Item>
        </List>
        <Group align="flex-start" gap="lg">
          <QrCode value={start.data.otpauthUri} label="QR code for your authenticator app" />
          <Stack gap={4} maw={260}>
            <Text size="sm" c="dimmed">
              Cannot scan? Enter this key in the app:
            </Text>
            <Code fz="sm" data-testid="mfa-secret" style={{ wordBreak: 'break-all' }}>
              {start.data.secret.replace(/(.{4})/g, '$1 ').trim()}
            </Code>
          </Stack>
        </Group>
        {confirm.isError && (
          <Alert color="red" role="alert">
            {codeProblemText(confirm.error)}
          </Alert>
        )}
        <Group align="flex-end">
          <CodeInput value={code} onChange={(event) => setCode(event.currentTarget.value)} />
          <Button type="submit" loading={confirm.isPending} disabled={code.replace(/\s/g, '').length !== 6}>
            Turn on
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
