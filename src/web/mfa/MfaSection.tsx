import { Alert, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { QueryState } from '../components/QueryState/QueryState';
import { useNewRecoveryCodes, useMfaStatus } from './api';
import { CodeInput } from './CodeInput';
import { EnrolMfa } from './EnrolMfa';
import { codeProblemText } from './problem-text';
import { RecoveryCodesList } from './RecoveryCodesList';

/** The account page's two-step sign-in: set it up, or get new recovery codes with a current code. */
export function MfaSection() {
  const status = useMfaStatus();
  return (
    <QueryState query={status}>
      {status.data?.enrolled ? <Enrolled recoveryCodesLeft={status.data.recoveryCodesLeft} /> : <EnrolMfa onDone={() => void status.refetch()} doneLabel="Done" />}
    </QueryState>
  );
}

function Enrolled({ recoveryCodesLeft }: { readonly recoveryCodesLeft: number }) {
  const regenerate = useNewRecoveryCodes();
  const [asking, setAsking] = useState(false);
  const [code, setCode] = useState('');
  const finish = () => {
    regenerate.reset();
    setAsking(false);
    setCode('');
  };
  if (regenerate.data) return <RecoveryCodesList codes={regenerate.data.recoveryCodes} onDone={finish} doneLabel="Done" />;
  return (
    <Stack gap="sm" align="flex-start">
      <Group gap="xs">
        <Badge color="teal" variant="light">
          On
        </Badge>
        <Text size="sm">Every sign-in asks for a code from your authenticator app.</Text>
      </Group>
      <Text size="sm" c={recoveryCodesLeft <= 2 ? 'orange.8' : 'dimmed'}>
        {recoveryCodesLeft} of 10 recovery codes left. Lost your phone? An administrator can reset two-step sign-in.
      </Text>
      {asking ? (
        <form
          noValidate
          aria-label="New recovery codes"
          onSubmit={(event) => {
            event.preventDefault();
            regenerate.mutate(code.replace(/\s/g, ''));
          }}
        >
          <Stack gap="xs">
            {regenerate.isError && (
              <Alert color="red" role="alert">
                {codeProblemText(regenerate.error)}
              </Alert>
            )}
            <Group align="flex-end">
              <CodeInput value={code} onChange={(event) => setCode(event.currentTarget.value)} description="From your app, to confirm it is you" data-autofocus />
              <Button type="submit" loading={regenerate.isPending}>
                Make new codes
              </Button>
              <Button variant="subtle" onClick={() => setAsking(false)}>
                Cancel
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Button variant="light" onClick={() => setAsking(true)}>
          New recovery codes
        </Button>
      )}
    </Stack>
  );
}
